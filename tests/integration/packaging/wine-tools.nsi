; Two small Windows programs for the wine run of installer-nsh.test.ts, built for amd64 (this
; machine's wine runs 64-bit programs only):
;
;   -DLAUNCHER -DLINE_FILE=C:\… -DRESULT_FILE=C:\…
;                                 runs the command line stored (UTF-16LE, no BOM, no newline)
;                                 in LINE_FILE exactly as written, and writes "exit <code>" to
;                                 RESULT_FILE, or "not started" when Windows could not start it
;                                 (the test reads the file, not wine's own exit status: on a
;                                 busy machine that once said 0 where the installer refuses with 2).
;                                 Wine re-quotes the arguments it is given (a value with a space
;                                 or a quote gets wrapped and escaped), which would change what
;                                 the installer's GetOptions sees.
;   -DRECORDER -DRECORD_FILE=C:\… appends its own command line to RECORD_FILE and exits 0. It
;                                 stands in for icacls.exe, which wine ships as a stub that
;                                 changes nothing, so the test can at least check the commands.

Unicode true
OutFile "${OUT_FILE}"
SilentInstall silent
RequestExecutionLevel user

!ifdef LAUNCHER
  Section
    FileOpen $0 "${LINE_FILE}" r
    FileReadUTF16LE $0 $1
    FileClose $0
    ClearErrors
    ExecWait $1 $2
    IfErrors 0 +3
      StrCpy $3 "not started"
      Goto report
    StrCpy $3 "exit $2"
    report:
    FileOpen $0 "${RESULT_FILE}" w
    FileWrite $0 $3
    FileClose $0
    SetErrorLevel $2
  SectionEnd
!endif

!ifdef RECORDER
  Section
    FileOpen $0 "${RECORD_FILE}" a
    FileSeek $0 0 END
    FileWriteUTF16LE $0 "$CMDLINE$\r$\n"
    FileClose $0
  SectionEnd
!endif
