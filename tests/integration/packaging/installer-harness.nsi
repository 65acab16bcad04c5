; A small installer around build/installer.nsh, for tests/integration/packaging/installer-nsh.test.ts.
; electron-builder's own script needs NSIS plugins that Debian's nsis package lacks (StdUtils,
; UAC, nsProcess, nsis7z …), so this calls the same macros at the same places: customInit in
; .onInit, customInstall in the install section, customUnInstall in the uninstall section.
;
;   makensis -WX -DINSTALLER_NSH=… -DOUT_FILE=… [-DHARNESS_UNINSTALL] [-XTarget amd64-unicode] installer-harness.nsi
;
; With HARNESS_UNINSTALL the program only writes the uninstaller (UNINSTALLER_OUT_FILE) and
; quits, as electron-builder's BUILD_UNINSTALLER pass does.

Unicode true
!ifdef HARNESS_UNINSTALL
  !define BUILD_UNINSTALLER
!endif
!define PRODUCT_FILENAME "SatisfactionKiosk"

!include FileFunc.nsh
!include LogicLib.nsh

; electron-builder defines ${isUpdated} with StdUtils::TestParameter; the same test with FileFunc.
!macro _isUpdated _a _b _t _f
  ${GetParameters} $R9
  ClearErrors
  ${GetOptions} $R9 "--updated" $R9
  IfErrors `${_f}` `${_t}`
!macroend
!define isUpdated `"" isUpdated ""`

!include "${INSTALLER_NSH}"

Name "SatisfactionKiosk installer.nsh harness"
OutFile "${OUT_FILE}"
RequestExecutionLevel admin
SilentInstall silent
InstallDir "$PROGRAMFILES64\SatisfactionKiosk"

!ifdef BUILD_UNINSTALLER
  Function .onInit
    WriteUninstaller "${UNINSTALLER_OUT_FILE}"
    SetErrorLevel 0
    Quit
  FunctionEnd

  Section "install"
  SectionEnd

  Section "un.Uninstall"
    !insertmacro customUnInstall
  SectionEnd
!else
  Function .onInit
    !insertmacro customInit
  FunctionEnd

  Section "install"
    !insertmacro customInstall
  SectionEnd
!endif
