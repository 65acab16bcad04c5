; Included by electron-builder's NSIS installer and uninstaller (electron-builder.yml:
; nsis.include). Everything IT needs for a fleet install without visiting each kiosk twice:
;
;   Setup.exe /S /CONFIG=\\server\share\kiosk.json
;   Setup.exe /S /UNIT=TTPVHCC-PKU /UNITNAME="Trung tâm ..." /KIOSKID=pku-q1
;             /SERVER="https://city.example/kiosk" /TOKEN="..." [/PINHASH="scrypt$..."]
;             [/UPDATEURL="https://city.example/kiosk-updates/"]
;   [/FORCECONFIG] [/KIOSKUSER=kiosk] [/NORUN]
;   Uninstall SatisfactionKiosk.exe /S [/PURGE]
;
; docs/windows-install.md describes each switch for IT; this file says why it works as it does.
; tests/integration/packaging/installer-nsh.test.ts compiles it with makensis (warnings are
; errors, as electron-builder runs makensis with -WX) for the installer and the uninstaller.
;
; The machine-wide folder, %ProgramData%\SatisfactionKiosk (SetShellVarContext all makes
; $APPDATA that folder's parent), holds config.json, data\ (ratings), logs\ and languages\.
; Nothing here ever deletes or overwrites it unasked: an update runs the old version's
; uninstaller with --updated (electron-builder's ${isUpdated}), and only `/PURGE` on a plain
; uninstall removes it.
;
; Automatic updates: the kiosk runs under a standard account, which cannot install a
; per-machine program without a UAC prompt nobody at the counter could answer. So this file
; registers scheduled tasks (kioskRegisterTasks) that run the program as SYSTEM with
; --system-update (electron/main/system-update.ts checks the feed, downloads and installs),
; which every local user may start but not change (the task's security descriptor), and one
; that starts the kiosk again in the signed-in user's session after an update. The task
; definitions are written to $INSTDIR\tasks\*.xml and registered with schtasks /Create /XML.
;
; Option values go through FileFunc's GetOptions, which ends a value at the next "/" outside
; quotes: values holding "/" (addresses, tokens, PIN hashes) must be quoted. NSIS keeps at most
; 1024 characters of a command line, so a longer one is refused rather than cut short.

!include FileFunc.nsh
!include LogicLib.nsh

!define KIOSK_FOLDER "SatisfactionKiosk"
; Install-time choices an automatic update (which passes no switches) must keep.
!define KIOSK_SETTINGS_KEY "Software\SatisfactionKiosk"
!define KIOSK_RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define KIOSK_RUN_VALUE "SatisfactionKiosk"
; Well-known SIDs: group names are translated on a localized Windows, SIDs are not.
!define KIOSK_SID_ADMINS "*S-1-5-32-544"
!define KIOSK_SID_SYSTEM "*S-1-5-18"
!define KIOSK_SID_USERS "*S-1-5-32-545"
; The scheduled tasks (electron/main/auto-update.ts starts the first two by these names).
!define KIOSK_TASK_UPDATE "\SatisfactionKiosk\Update"
!define KIOSK_TASK_UPDATE_NOW "\SatisfactionKiosk\Update now"
!define KIOSK_TASK_START "\SatisfactionKiosk\Start"
; SYSTEM and Administrators full access; Users (BU) read and run only, so the kiosk's
; standard account can start an update but never change what runs as SYSTEM.
!define KIOSK_TASK_SDDL "D:(A;;FA;;;SY)(A;;FA;;;BA)(A;;GRGX;;;BU)"
; Written by the SYSTEM update run; a folder the kiosk's account may read but not write, as a
; SYSTEM process must never write where a standard account can plant links.
!define KIOSK_SYSTEM_LOGS "logs\system-update"

!ifndef BUILD_UNINSTALLER

Var kioskParams
Var kioskRoot
Var kioskError
Var kioskConfigSource
Var kioskForceConfig
Var kioskWriteConfig
Var kioskUnit
Var kioskUnitName
Var kioskKioskId
Var kioskServer
Var kioskToken
Var kioskPinHash
Var kioskUpdateUrl
Var kioskUser
Var kioskNoRun
Var kioskFile

; OPTION's value, or "" when absent. GetOptions sets the error flag when OPTION is missing.
!macro kioskOption OPTION VAR
  ClearErrors
  ${GetOptions} $kioskParams "${OPTION}" ${VAR}
  ${If} ${Errors}
    StrCpy ${VAR} ""
  ${EndIf}
!macroend

; "1" when the switch is on the command line, else "0".
!macro kioskFlag OPTION VAR
  ClearErrors
  ${GetOptions} $kioskParams "${OPTION}" ${VAR}
  ${If} ${Errors}
    StrCpy ${VAR} "0"
  ${Else}
    StrCpy ${VAR} "1"
  ${EndIf}
!macroend

; $3 = the UTF-16 code unit of the one-character string in $2. NSIS has no ord(): the
; character is copied into a small buffer and read back as a 16-bit integer.
!macro kioskCharCode
  System::Call "*(&t2 r2)p.r3"
  System::Call "*$3(&i2 .s)"
  System::Free $3
  Pop $3
!macroend

; Appends one line to logs\install.log under the machine-wide folder (never a token or a
; PIN hash: only which switches were given and what was done). Stack: the message.
Function kioskLog
  Exch $0
  Push $1
  Push $2
  Push $3
  Push $4
  Push $5
  Push $6
  Push $7
  Push $8
  CreateDirectory "$kioskRoot\logs"
  ClearErrors
  FileOpen $8 "$kioskRoot\logs\install.log" a
  ${IfNot} ${Errors}
    FileSeek $8 0 END
    ${GetTime} "" "L" $1 $2 $3 $4 $5 $6 $7
    FileWrite $8 "$3-$2-$1 $5:$6:$7 $0$\r$\n"
    FileClose $8
  ${EndIf}
  Pop $8
  Pop $7
  Pop $6
  Pop $5
  Pop $4
  Pop $3
  Pop $2
  Pop $1
  Pop $0
FunctionEnd

; "1" if the value is an identifier as the configuration requires (unit.code, kiosk.id:
; 1-64 of A-Z a-z 0-9 . _ -), else "0". Stack: the value; returns on the stack.
Function kioskIsIdentifier
  Exch $0
  Push $1
  Push $2
  Push $3
  StrLen $1 $0
  ${If} $1 < 1
  ${OrIf} $1 > 64
    StrCpy $0 "0"
    Goto done
  ${EndIf}
  StrCpy $1 0
  loop:
    StrCpy $2 $0 1 $1
    StrCmp $2 "" ok
    !insertmacro kioskCharCode
    IntCmp $3 45 next ; -
    IntCmp $3 46 next ; .
    IntCmp $3 95 next ; _
    IntCmp $3 48 0 bad 0 ; below 0
    IntCmp $3 57 next next 0 ; 0-9
    IntCmp $3 65 next bad 0 ; between 9 and A
    IntCmp $3 90 next next 0 ; A-Z
    IntCmp $3 97 next bad 0 ; between Z and a
    IntCmp $3 122 next next bad ; a-z
    next:
      IntOp $1 $1 + 1
      Goto loop
  bad:
    StrCpy $0 "0"
    Goto done
  ok:
    StrCpy $0 "1"
  done:
  Pop $3
  Pop $2
  Pop $1
  Exch $0
FunctionEnd

; Writes the value as a JSON string to $kioskFile, in ASCII only: quotes, backslashes,
; control characters and everything past ASCII become escapes (\uXXXX, one per UTF-16 code
; unit, so Vietnamese letters and surrogate pairs survive), which no code page can garble.
; Written piece by piece, so an escaped value longer than NSIS's string limit is never cut.
; Stack: the value.
Function kioskWriteJsonString
  Exch $0
  Push $1
  Push $2
  Push $3
  FileWrite $kioskFile '"'
  StrCpy $1 0
  loop:
    StrCpy $2 $0 1 $1
    StrCmp $2 "" done
    !insertmacro kioskCharCode
    ${If} $3 = 34
      FileWrite $kioskFile '\"'
    ${ElseIf} $3 = 92
      FileWrite $kioskFile '\\'
    ${ElseIf} $3 < 32
    ${OrIf} $3 > 126
      IntFmt $2 "\u%04x" $3
      FileWrite $kioskFile $2
    ${Else}
      FileWrite $kioskFile $2
    ${EndIf}
    IntOp $1 $1 + 1
    Goto loop
  done:
  FileWrite $kioskFile '"'
  Pop $3
  Pop $2
  Pop $1
  Pop $0
FunctionEnd

; Reads the switches and checks them before anything is installed: a deployment tool gets
; exit code 2 and logs\install.log the reason, instead of a kiosk showing a broken
; configuration to citizens. Sets $kioskError ("" when all is well).
Function kioskParseOptions
  Push $0
  Push $1
  Push $2
  Call kioskCheckOptions
  Pop $2
  Pop $1
  Pop $0
FunctionEnd

Function kioskCheckOptions
  SetShellVarContext all
  StrCpy $kioskRoot "$APPDATA\${KIOSK_FOLDER}"
  StrCpy $kioskError ""
  ${GetParameters} $kioskParams
  StrLen $0 $CMDLINE
  ${If} $0 >= 1023
    StrCpy $kioskError "the command line is longer than 1023 characters and would be cut; put the settings in a file and use /CONFIG="
    Return
  ${EndIf}
  !insertmacro kioskOption "/CONFIG=" $kioskConfigSource
  !insertmacro kioskFlag "/FORCECONFIG" $kioskForceConfig
  !insertmacro kioskOption "/UNIT=" $kioskUnit
  !insertmacro kioskOption "/UNITNAME=" $kioskUnitName
  !insertmacro kioskOption "/KIOSKID=" $kioskKioskId
  !insertmacro kioskOption "/SERVER=" $kioskServer
  !insertmacro kioskOption "/TOKEN=" $kioskToken
  !insertmacro kioskOption "/PINHASH=" $kioskPinHash
  !insertmacro kioskOption "/UPDATEURL=" $kioskUpdateUrl
  !insertmacro kioskOption "/KIOSKUSER=" $kioskUser
  !insertmacro kioskFlag "/NORUN" $kioskNoRun

  StrCpy $kioskWriteConfig "0"
  ${If} "$kioskUnit$kioskUnitName$kioskKioskId$kioskServer$kioskToken$kioskPinHash$kioskUpdateUrl" != ""
    StrCpy $kioskWriteConfig "1"
  ${EndIf}

  ${If} $kioskConfigSource != ""
    ${If} $kioskWriteConfig == "1"
      StrCpy $kioskError "/CONFIG= cannot be combined with /UNIT=, /UNITNAME=, /KIOSKID=, /SERVER=, /TOKEN=, /PINHASH= or /UPDATEURL=: put every setting in the file"
      Return
    ${EndIf}
    ${IfNot} ${FileExists} "$kioskConfigSource"
      StrCpy $kioskError "/CONFIG=$kioskConfigSource: the file cannot be read (for a network share, the computer account needs read access when the install runs as SYSTEM)"
      Return
    ${EndIf}
  ${EndIf}

  ${If} $kioskWriteConfig == "1"
    Push $kioskUnit
    Call kioskIsIdentifier
    Pop $0
    ${If} $0 != "1"
      StrCpy $kioskError "/UNIT= is required with the other settings: the unit code, 1 to 64 of A-Z a-z 0-9 . _ -"
      Return
    ${EndIf}
    Push $kioskKioskId
    Call kioskIsIdentifier
    Pop $0
    ${If} $0 != "1"
      StrCpy $kioskError "/KIOSKID= is required with the other settings: this kiosk's id, 1 to 64 of A-Z a-z 0-9 . _ -"
      Return
    ${EndIf}
    StrLen $0 $kioskUnitName
    ${If} $0 > 200
      StrCpy $kioskError "/UNITNAME= is longer than 200 characters"
      Return
    ${EndIf}
    ${If} $kioskServer != ""
    ${OrIf} $kioskToken != ""
      StrCpy $0 $kioskServer 8
      ${If} $0 != "https://"
        StrCpy $kioskError "/SERVER= must be given with /TOKEN= and start with https:// (quote it: /SERVER=$\"https://...$\")"
        Return
      ${EndIf}
      ${If} $kioskToken == ""
        StrCpy $kioskError "/TOKEN= is required with /SERVER= (quote it if it holds a /)"
        Return
      ${EndIf}
    ${EndIf}
    ${If} $kioskUpdateUrl != ""
      StrCpy $0 $kioskUpdateUrl 8
      ${If} $0 != "https://"
        StrCpy $kioskError "/UPDATEURL= must start with https:// (quote it)"
        Return
      ${EndIf}
    ${EndIf}
    ${If} $kioskPinHash != ""
      StrCpy $0 $kioskPinHash 7
      ${If} $0 != "scrypt$$"
        StrCpy $kioskError "/PINHASH= must be the scrypt$$... line printed by the hash-pin command (quote it)"
        Return
      ${EndIf}
    ${EndIf}
  ${EndIf}

  ; The account that runs the kiosk. Without /KIOSKUSER=, the one chosen at an earlier
  ; install (an automatic update passes no switches), else every local user (Users).
  ${If} $kioskUser == ""
    ReadRegStr $kioskUser HKLM "${KIOSK_SETTINGS_KEY}" "KioskUser"
  ${EndIf}
  ${If} $kioskUser == ""
    StrCpy $kioskUser "${KIOSK_SID_USERS}"
  ${EndIf}
  ; icacls stops half-way on an unknown account, so check it first: with zero-sized buffers
  ; LookupAccountName fails with ERROR_INSUFFICIENT_BUFFER (122) exactly when the name exists.
  StrCpy $0 $kioskUser 1
  ${If} $0 != "*"
    StrCpy $2 $kioskUser
    System::Call "advapi32::LookupAccountNameW(p 0, w r2, p 0, *i 0, p 0, *i 0, *i .r1) i .r0 ?e"
    Pop $1
    ${If} $1 != 122
      StrCpy $kioskError "/KIOSKUSER=$kioskUser: no such Windows account (error $1)"
      Return
    ${EndIf}
  ${EndIf}
FunctionEnd

; Runs icacls, logging its exit code; a failure makes the installer end with exit code 2.
!macro kioskIcacls ARGS
  nsExec::Exec `"$SYSDIR\icacls.exe" ${ARGS}`
  Pop $0
  ${If} $0 != 0
    Push `icacls ${ARGS} failed: $0`
    Call kioskLog
    SetErrorLevel 2
  ${EndIf}
!macroend

; Administrators and SYSTEM full control over the whole folder, with ProgramData's inherited
; permissions removed (they let every user create files there); the kiosk's account (or
; Users) reads the configuration and languages and modifies data\ and logs\ only. /reset
; first makes the result the same on a fresh install, an update and a reinstall.
Function kioskSetPermissions
  Push $0
  !insertmacro kioskIcacls `"$kioskRoot" /reset /T /C /Q`
  !insertmacro kioskIcacls `"$kioskRoot" /inheritance:r /grant:r ${KIOSK_SID_ADMINS}:(OI)(CI)F ${KIOSK_SID_SYSTEM}:(OI)(CI)F "$kioskUser:(OI)(CI)RX" /C /Q`
  !insertmacro kioskIcacls `"$kioskRoot\${KIOSK_SYSTEM_LOGS}" /inheritance:r /grant:r ${KIOSK_SID_ADMINS}:(OI)(CI)F ${KIOSK_SID_SYSTEM}:(OI)(CI)F "$kioskUser:(OI)(CI)RX" /C /Q`
  !insertmacro kioskIcacls `"$kioskRoot\data" /grant:r "$kioskUser:(OI)(CI)M" /C /Q`
  !insertmacro kioskIcacls `"$kioskRoot\logs" /grant:r "$kioskUser:(OI)(CI)M" /C /Q`
  Push "permissions: Administrators, SYSTEM full control; $kioskUser reads the folder, modifies data and logs (not ${KIOSK_SYSTEM_LOGS})"
  Call kioskLog
  Pop $0
FunctionEnd

; Moves an existing config.json aside (config.json.bak) before IT's /FORCECONFIG replaces it.
!macro kioskBackUpConfig
  ${If} ${FileExists} "$kioskRoot\config.json"
    Delete "$kioskRoot\config.json.bak"
    Rename "$kioskRoot\config.json" "$kioskRoot\config.json.bak"
    Push "config.json moved to config.json.bak (/FORCECONFIG)"
    Call kioskLog
  ${EndIf}
!macroend

; The minimal configuration from the switches, written to a temporary file and renamed into
; place, so a kiosk never starts on a half-written config.json.
Function kioskWriteConfigFile
  ClearErrors
  FileOpen $kioskFile "$kioskRoot\config.json.new" w
  ${If} ${Errors}
    Push "cannot write $kioskRoot\config.json.new"
    Call kioskLog
    SetErrorLevel 2
    Return
  ${EndIf}
  ${If} $kioskUnitName == ""
    ; Shown on the screen and in reports: the code is better than nothing, the log says so.
    StrCpy $kioskUnitName $kioskUnit
    Push "no /UNITNAME=: unit.name is the unit code; edit config.json to give the unit's full name"
    Call kioskLog
  ${EndIf}
  FileWrite $kioskFile '{$\r$\n  "unit": { "code": '
  Push $kioskUnit
  Call kioskWriteJsonString
  FileWrite $kioskFile ', "name": '
  Push $kioskUnitName
  Call kioskWriteJsonString
  FileWrite $kioskFile ' },$\r$\n  "kiosk": { "id": '
  Push $kioskKioskId
  Call kioskWriteJsonString
  FileWrite $kioskFile ' }'
  ${If} $kioskServer != ""
    FileWrite $kioskFile ',$\r$\n  "server": { "url": '
    Push $kioskServer
    Call kioskWriteJsonString
    FileWrite $kioskFile ', "token": '
    Push $kioskToken
    Call kioskWriteJsonString
    FileWrite $kioskFile ' }'
  ${EndIf}
  ${If} $kioskUpdateUrl != ""
    FileWrite $kioskFile ',$\r$\n  "updates": { "url": '
    Push $kioskUpdateUrl
    Call kioskWriteJsonString
    FileWrite $kioskFile ' }'
  ${EndIf}
  ${If} $kioskPinHash != ""
    FileWrite $kioskFile ',$\r$\n  "admin": { "pinHash": '
    Push $kioskPinHash
    Call kioskWriteJsonString
    FileWrite $kioskFile ' }'
  ${EndIf}
  FileWrite $kioskFile '$\r$\n}$\r$\n'
  FileClose $kioskFile
  !insertmacro kioskBackUpConfig
  ClearErrors
  Rename "$kioskRoot\config.json.new" "$kioskRoot\config.json"
  ${If} ${Errors}
    Push "cannot rename config.json.new to config.json"
    Call kioskLog
    SetErrorLevel 2
    Return
  ${EndIf}
  ${If} $kioskServer == ""
    Push "config.json written from the switches: unit $kioskUnit, kiosk $kioskKioskId, uploads off (no /SERVER=)"
  ${Else}
    Push "config.json written from the switches: unit $kioskUnit, kiosk $kioskKioskId, server $kioskServer, token given"
  ${EndIf}
  Call kioskLog
FunctionEnd

; An existing config.json is IT's: it is kept unless /FORCECONFIG says to replace it.
Function kioskInstallConfig
  ${If} $kioskConfigSource == ""
  ${AndIf} $kioskWriteConfig != "1"
    ${If} ${FileExists} "$kioskRoot\config.json"
      Push "no configuration switches: config.json kept as it is"
    ${Else}
      Push "no configuration switches and no config.json: the kiosk starts on its demo configuration"
    ${EndIf}
    Call kioskLog
    Return
  ${EndIf}
  ${If} ${FileExists} "$kioskRoot\config.json"
  ${AndIf} $kioskForceConfig != "1"
    Push "config.json exists and is kept (add /FORCECONFIG to replace it)"
    Call kioskLog
    Return
  ${EndIf}
  ${If} $kioskWriteConfig == "1"
    Call kioskWriteConfigFile
    Return
  ${EndIf}
  ClearErrors
  CopyFiles /SILENT "$kioskConfigSource" "$kioskRoot\config.json.new"
  ${If} ${Errors}
  ${OrIfNot} ${FileExists} "$kioskRoot\config.json.new"
    Push "cannot copy $kioskConfigSource"
    Call kioskLog
    SetErrorLevel 2
    Return
  ${EndIf}
  !insertmacro kioskBackUpConfig
  Rename "$kioskRoot\config.json.new" "$kioskRoot\config.json"
  Push "config.json copied from $kioskConfigSource"
  Call kioskLog
FunctionEnd

; Runs schtasks, logging the command and its exit code. FATAL "1": a failure makes the
; installer end with exit code 2 (a kiosk without its update task would never update).
!macro kioskSchtasks ARGS FATAL
  nsExec::Exec `"$SYSDIR\schtasks.exe" ${ARGS}`
  Pop $0
  Push `schtasks ${ARGS}: exit code $0`
  Call kioskLog
  ${If} $0 != 0
  ${AndIf} ${FATAL} == 1
    SetErrorLevel 2
  ${EndIf}
!macroend

; Writes one task definition, in UTF-16 as Task Scheduler's own exports are. In: $R1 the
; file, $R2 the description, $R3 the program's arguments, $R4 "SYSTEM" (the update tasks) or
; "USERS" (the kiosk's own start), $R5 "1" for the nightly fallback trigger.
Function kioskWriteTaskXml
  ClearErrors
  FileOpen $0 $R1 w
  ${If} ${Errors}
    Push "cannot write $R1"
    Call kioskLog
    SetErrorLevel 2
    Return
  ${EndIf}
  FileWriteUTF16LE /BOM $0 '<?xml version="1.0" encoding="UTF-16"?>$\r$\n'
  FileWriteUTF16LE $0 '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">$\r$\n'
  FileWriteUTF16LE $0 '  <RegistrationInfo>$\r$\n'
  FileWriteUTF16LE $0 '    <Author>SatisfactionKiosk installer</Author>$\r$\n'
  FileWriteUTF16LE $0 '    <Description>$R2</Description>$\r$\n'
  ${If} $R4 == "SYSTEM"
    FileWriteUTF16LE $0 '    <SecurityDescriptor>${KIOSK_TASK_SDDL}</SecurityDescriptor>$\r$\n'
  ${EndIf}
  FileWriteUTF16LE $0 '  </RegistrationInfo>$\r$\n'
  ${If} $R5 == "1"
    ; A fallback for a kiosk whose app was not running in the evening; the run itself still
    ; keeps out of office hours.
    FileWriteUTF16LE $0 '  <Triggers>$\r$\n'
    FileWriteUTF16LE $0 '    <CalendarTrigger>$\r$\n'
    FileWriteUTF16LE $0 '      <StartBoundary>2026-01-01T02:30:00</StartBoundary>$\r$\n'
    FileWriteUTF16LE $0 '      <Enabled>true</Enabled>$\r$\n'
    FileWriteUTF16LE $0 '      <RandomDelay>PT30M</RandomDelay>$\r$\n'
    FileWriteUTF16LE $0 '      <ScheduleByDay>$\r$\n'
    FileWriteUTF16LE $0 '        <DaysInterval>1</DaysInterval>$\r$\n'
    FileWriteUTF16LE $0 '      </ScheduleByDay>$\r$\n'
    FileWriteUTF16LE $0 '    </CalendarTrigger>$\r$\n'
    FileWriteUTF16LE $0 '  </Triggers>$\r$\n'
  ${Else}
    FileWriteUTF16LE $0 '  <Triggers />$\r$\n'
  ${EndIf}
  FileWriteUTF16LE $0 '  <Principals>$\r$\n'
  FileWriteUTF16LE $0 '    <Principal id="Author">$\r$\n'
  ${If} $R4 == "SYSTEM"
    FileWriteUTF16LE $0 '      <UserId>S-1-5-18</UserId>$\r$\n'
    FileWriteUTF16LE $0 '      <RunLevel>HighestAvailable</RunLevel>$\r$\n'
  ${Else}
    ; A group principal runs in the session of the member who is signed in, with that
    ; user's own (standard) rights.
    FileWriteUTF16LE $0 '      <GroupId>S-1-5-32-545</GroupId>$\r$\n'
    FileWriteUTF16LE $0 '      <RunLevel>LeastPrivilege</RunLevel>$\r$\n'
  ${EndIf}
  FileWriteUTF16LE $0 '    </Principal>$\r$\n'
  FileWriteUTF16LE $0 '  </Principals>$\r$\n'
  FileWriteUTF16LE $0 '  <Settings>$\r$\n'
  FileWriteUTF16LE $0 '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>$\r$\n'
  FileWriteUTF16LE $0 '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>$\r$\n'
  FileWriteUTF16LE $0 '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>$\r$\n'
  FileWriteUTF16LE $0 '    <AllowHardTerminate>true</AllowHardTerminate>$\r$\n'
  FileWriteUTF16LE $0 '    <StartWhenAvailable>false</StartWhenAvailable>$\r$\n'
  FileWriteUTF16LE $0 '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>$\r$\n'
  FileWriteUTF16LE $0 '    <AllowStartOnDemand>true</AllowStartOnDemand>$\r$\n'
  FileWriteUTF16LE $0 '    <Enabled>true</Enabled>$\r$\n'
  FileWriteUTF16LE $0 '    <Hidden>false</Hidden>$\r$\n'
  FileWriteUTF16LE $0 '    <RunOnlyIfIdle>false</RunOnlyIfIdle>$\r$\n'
  FileWriteUTF16LE $0 '    <WakeToRun>false</WakeToRun>$\r$\n'
  ${If} $R4 == "SYSTEM"
    FileWriteUTF16LE $0 '    <ExecutionTimeLimit>PT1H</ExecutionTimeLimit>$\r$\n'
    FileWriteUTF16LE $0 '    <Priority>7</Priority>$\r$\n'
  ${Else}
    ; The kiosk runs for months: no time limit, and a task's default priority (7) would run
    ; it below normal.
    FileWriteUTF16LE $0 '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>$\r$\n'
    FileWriteUTF16LE $0 '    <Priority>4</Priority>$\r$\n'
  ${EndIf}
  FileWriteUTF16LE $0 '  </Settings>$\r$\n'
  FileWriteUTF16LE $0 '  <Actions Context="Author">$\r$\n'
  FileWriteUTF16LE $0 '    <Exec>$\r$\n'
  FileWriteUTF16LE $0 '      <Command>$INSTDIR\${PRODUCT_FILENAME}.exe</Command>$\r$\n'
  ${If} $R3 != ""
    FileWriteUTF16LE $0 '      <Arguments>$R3</Arguments>$\r$\n'
  ${EndIf}
  FileWriteUTF16LE $0 '    </Exec>$\r$\n'
  FileWriteUTF16LE $0 '  </Actions>$\r$\n'
  FileWriteUTF16LE $0 '</Task>$\r$\n'
  FileClose $0
FunctionEnd

; The update tasks and the kiosk's start task, written and (re)registered on every install
; and update: /F replaces a task of the same name, so an update also repairs them.
Function kioskRegisterTasks
  Push $0
  Push $R1
  Push $R2
  Push $R3
  Push $R4
  Push $R5
  CreateDirectory "$INSTDIR\tasks"
  StrCpy $R1 "$INSTDIR\tasks\Update.xml"
  StrCpy $R2 "Installs a newer SatisfactionKiosk from updates.url, outside office hours (started by the kiosk each night)"
  StrCpy $R3 "--system-update"
  StrCpy $R4 "SYSTEM"
  StrCpy $R5 "1"
  Call kioskWriteTaskXml
  StrCpy $R1 "$INSTDIR\tasks\Update now.xml"
  StrCpy $R2 "Installs a newer SatisfactionKiosk from updates.url at once, office hours or not (IT: --update-now)"
  StrCpy $R3 "--system-update --now"
  StrCpy $R5 "0"
  Call kioskWriteTaskXml
  StrCpy $R1 "$INSTDIR\tasks\Start.xml"
  StrCpy $R2 "Starts the SatisfactionKiosk in the signed-in user's session after an update"
  StrCpy $R3 ""
  StrCpy $R4 "USERS"
  Call kioskWriteTaskXml
  !insertmacro kioskSchtasks `/Create /XML "$INSTDIR\tasks\Update.xml" /TN "${KIOSK_TASK_UPDATE}" /F` 1
  !insertmacro kioskSchtasks `/Create /XML "$INSTDIR\tasks\Update now.xml" /TN "${KIOSK_TASK_UPDATE_NOW}" /F` 1
  !insertmacro kioskSchtasks `/Create /XML "$INSTDIR\tasks\Start.xml" /TN "${KIOSK_TASK_START}" /F` 1
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R1
  Pop $0
FunctionEnd

!macro customInit
  Call kioskParseOptions
  ${If} $kioskError != ""
    Push "install refused: $kioskError"
    Call kioskLog
    MessageBox MB_OK|MB_ICONSTOP "$kioskError" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
!macroend

!macro customInstall
  SetShellVarContext all
  ; customInit ran in this process unless the installer restarted itself elevated.
  ${If} $kioskRoot == ""
    Call kioskParseOptions
  ${EndIf}
  CreateDirectory "$kioskRoot\data"
  CreateDirectory "$kioskRoot\logs"
  CreateDirectory "$kioskRoot\${KIOSK_SYSTEM_LOGS}"
  CreateDirectory "$kioskRoot\languages"
  Call kioskInstallConfig
  WriteRegStr HKLM "${KIOSK_SETTINGS_KEY}" "KioskUser" "$kioskUser"
  Call kioskSetPermissions
  Call kioskRegisterTasks
  ; Starts the kiosk when anyone signs in (the kiosk account's Explorer shell runs HKLM\Run;
  ; Shell Launcher replaces Explorer, so there the entry does nothing and /NORUN is tidier).
  ; An automatic update keeps whatever IT chose at install.
  ${IfNot} ${isUpdated}
    ${If} $kioskNoRun == "1"
      DeleteRegValue HKLM "${KIOSK_RUN_KEY}" "${KIOSK_RUN_VALUE}"
      Push "no start-up entry (/NORUN)"
    ${Else}
      WriteRegStr HKLM "${KIOSK_RUN_KEY}" "${KIOSK_RUN_VALUE}" '"$INSTDIR\${PRODUCT_FILENAME}.exe"'
      Push "start-up entry HKLM\${KIOSK_RUN_KEY}\${KIOSK_RUN_VALUE} written"
    ${EndIf}
    Call kioskLog
  ${EndIf}
  ; After an automatic update (run as SYSTEM, which must not start the kiosk itself), bring
  ; the kiosk back in the signed-in user's session. Without the Run entry (Shell Launcher,
  ; /NORUN) the shell starts it. No one signed in: schtasks fails, which is only logged.
  ${If} ${isUpdated}
    ReadRegStr $0 HKLM "${KIOSK_RUN_KEY}" "${KIOSK_RUN_VALUE}"
    ${If} $0 == ""
      Push "update: no start-up entry, so the kiosk is not started here (Shell Launcher or a sign-in starts it)"
      Call kioskLog
    ${Else}
      !insertmacro kioskSchtasks `/Run /TN "${KIOSK_TASK_START}"` 0
    ${EndIf}
  ${EndIf}
!macroend

!else

; Removes one scheduled task on a plain uninstall; a missing one is no error.
!macro kioskDeleteTask NAME
  nsExec::Exec `"$SYSDIR\schtasks.exe" /Delete /TN "${NAME}" /F`
  Pop $R1
!macroend

!macro customUnInstall
  ; An update runs this uninstaller with --updated before the new version installs: then the
  ; start-up entry, the scheduled tasks, the configuration, the ratings and the logs all stay.
  ${IfNot} ${isUpdated}
    SetShellVarContext all
    DeleteRegValue HKLM "${KIOSK_RUN_KEY}" "${KIOSK_RUN_VALUE}"
    Push $R0
    Push $R1
    !insertmacro kioskDeleteTask "${KIOSK_TASK_UPDATE}"
    !insertmacro kioskDeleteTask "${KIOSK_TASK_UPDATE_NOW}"
    !insertmacro kioskDeleteTask "${KIOSK_TASK_START}"
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/PURGE" $R1
    ${IfNot} ${Errors}
      ; Only when IT asks: this deletes every rating not yet uploaded.
      RMDir /r "$APPDATA\${KIOSK_FOLDER}"
      DeleteRegKey HKLM "${KIOSK_SETTINGS_KEY}"
    ${EndIf}
    Pop $R1
    Pop $R0
  ${EndIf}
!macroend

!endif
