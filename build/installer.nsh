; Included by electron-builder's NSIS installer (electron-builder.yml: nsis.include).
; The installer is per-machine, so the shell context is "all users" and $APPDATA below is
; C:\ProgramData. The kiosk reads its config from C:\ProgramData\SatisfactionKiosk\config.json.

!macro customInstall
  SetShellVarContext all
  ; Machine-wide folder where IT places config.json (the installer never overwrites it).
  CreateDirectory "$APPDATA\SatisfactionKiosk"
  DetailPrint "Config folder: $APPDATA\SatisfactionKiosk"
!macroend

!macro customUnInstall
  ; Deliberately empty: uninstalling (or updating, which uninstalls first) must keep the
  ; config in ProgramData and the ratings database in the kiosk user's AppData.
!macroend
