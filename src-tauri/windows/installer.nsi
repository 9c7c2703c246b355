; 评审台 (Pingshen) for Windows: a per-user installer, written by hand and built with Debian's
; makensis by tests/package-windows.sh (Tauri's own NSIS bundling downloads a plugin: not used).
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with the files> -DOUTFILE=<setup.exe> -DICON=<icon.ico> installer.nsi
; Installs under %LOCALAPPDATA%\Programs\Pingshen without administrator rights; Chinese pages;
; Start-menu and desktop entries 「评审台」; .pingshen files open the app (per user, HKCU);
; /S installs silently. The uninstaller removes only the files it installed: the user's
; databases (%APPDATA%\cn.org.cast.pingshen, or pingshen.db beside a portable copy) stay.

; x64 only (as the app): a 64-bit installer, which wine64 also runs
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z"
!endif
!ifndef STAGE
  !error "makensis -DSTAGE=<folder with pingshen-app.exe, pingshen.exe, WebView2Loader.dll, assets>"
!endif
!ifndef OUTFILE
  !define OUTFILE "pingshen-${VERSION}-x64-setup.exe"
!endif

!define PRODUCT "评审台"
!define PUBLISHER "评审台 Pingshen"
!define APPEXE "pingshen-app.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Pingshen"
!define PROGID "Pingshen.Exchange"
; the WebView2 runtime's client id (Evergreen), as Microsoft documents it for installers
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
Caption "${PRODUCT} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Pingshen"
InstallDirRegKey HKCU "Software\Pingshen" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT} Pingshen"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT}安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装${PRODUCT}"
!define MUI_WELCOMEPAGE_TEXT "${PRODUCT}用于企业科协试点示范和后补助的年度评审：评审秘书处、评审专家和申报单位都可以使用，全程离线。$\r$\n$\r$\n安装到您自己的用户目录，不需要管理员权限。$\r$\n$\r$\n点击「下一步」继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPEXE}"
!define MUI_FINISHPAGE_RUN_TEXT "立即启动${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; The window needs Microsoft's WebView2 runtime (part of Windows 11 and of current Windows 10).
Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "本电脑缺少「Microsoft Edge WebView2 运行时」，${PRODUCT}的窗口需要它才能显示。$\r$\n$\r$\nWindows 11 和已更新的 Windows 10 都自带此组件。请从微软官网下载「Evergreen 独立安装程序」安装：$\r$\nhttps://developer.microsoft.com/zh-cn/microsoft-edge/webview2/$\r$\n（不能上网的电脑：在其他电脑上下载后用 U 盘拷入；也可请单位的信息技术人员安装。）$\r$\n$\r$\n仍然继续安装${PRODUCT}吗？安装后再装 WebView2 也可以。" /SD IDYES IDYES done
    Abort
  done:
  ${EndIf}
FunctionEnd

Function .onInit
  SetShellVarContext current
  Call CheckWebView2
FunctionEnd

Section "${PRODUCT}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\pingshen-app.exe"
  File "${STAGE}\pingshen.exe"
  File "${STAGE}\WebView2Loader.dll"
  SetOutPath "$INSTDIR\assets"
  File "${STAGE}\assets\issuer.toml"
  SetOutPath "$INSTDIR\assets\fonts"
  File "${STAGE}\assets\fonts\*.*"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0

  ; .pingshen exchange files (review packages, score returns, dossier files) open the app
  WriteRegStr HKCU "Software\Classes\.pingshen" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.pingshen" "Content Type" "application/x-pingshen"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "${PRODUCT}交换文件"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$\"$INSTDIR\${APPEXE}$\",0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" "$\"$INSTDIR\${APPEXE}$\" $\"%1$\""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "Software\Pingshen" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$\"$INSTDIR\${APPEXE}$\",0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; only what the installer wrote: the databases (under %APPDATA% or beside the program) stay
  Delete "$INSTDIR\pingshen-app.exe"
  Delete "$INSTDIR\pingshen.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\assets\issuer.toml"
  Delete "$INSTDIR\assets\fonts\*.otf"
  Delete "$INSTDIR\assets\fonts\*.ttf"
  Delete "$INSTDIR\assets\fonts\*.txt"
  RMDir "$INSTDIR\assets\fonts"
  RMDir "$INSTDIR\assets"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"

  ; the file type, if it is still ours
  ReadRegStr $0 HKCU "Software\Classes\.pingshen" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\.pingshen"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\Pingshen"
SectionEnd
