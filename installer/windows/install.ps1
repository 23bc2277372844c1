<#
.SYNOPSIS
  Installs PHI Sentry's native host on Windows and registers it with Chrome, Edge and Firefox.

.DESCRIPTION
  The Windows counterpart of installer/install.sh, with the same layout:
    <InstallDir>\bin\phisentry.exe
    <InstallDir>\share\phisentry\rules\        (the host finds its rules at <exe>\..\share\phisentry\rules)
    <InstallDir>\bin\org.phisentry.host.chromium.json, ...firefox.json   (absolute "path" to the exe)
  and, in HKCU (-Scope User) or HKLM (-Scope Machine), the key each browser reads, whose default value
  is the manifest's path:
    Software\Google\Chrome\NativeMessagingHosts\org.phisentry.host
    Software\Microsoft\Edge\NativeMessagingHosts\org.phisentry.host
    Software\Chromium\NativeMessagingHosts\org.phisentry.host
    Software\Mozilla\NativeMessagingHosts\org.phisentry.host
  The default policy goes to %APPDATA%\PHI Sentry\policy.json (User) or %ProgramData%\PHI Sentry\policy.json
  (Machine), only when there is none. Running it twice changes nothing.

.EXAMPLE
  .\install.ps1 -Scope Machine -From C:\build\phisentry -ChromiumId abcdefghijklmnopabcdefghijklmnop
.EXAMPLE
  .\install.ps1 -Scope User -Uninstall
#>
[CmdletBinding()]
param(
  [ValidateSet('User', 'Machine')] [string] $Scope = 'User',
  [switch] $Uninstall,
  # A tree with bin\phisentry.exe and share\phisentry\rules (a build or an unpacked archive).
  [string] $From = (Join-Path $PSScriptRoot '..\..\build'),
  [string] $InstallDir,
  [string[]] $ChromiumId,
  [string[]] $FirefoxId
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$HostName = 'org.phisentry.host'
$Hive = if ($Scope -eq 'Machine') { 'HKLM:' } else { 'HKCU:' }
$BrowserKeys = @{
  chromium = @('Software\Google\Chrome\NativeMessagingHosts', 'Software\Microsoft\Edge\NativeMessagingHosts',
               'Software\Chromium\NativeMessagingHosts')
  firefox  = @('Software\Mozilla\NativeMessagingHosts')
}
if (-not $InstallDir) {
  $InstallDir = if ($Scope -eq 'Machine') { Join-Path $env:ProgramFiles 'PHI Sentry' } else { Join-Path $env:LOCALAPPDATA 'PHI Sentry' }
}
$PolicyFile = if ($Scope -eq 'Machine') { Join-Path $env:ProgramData 'PHI Sentry\policy.json' } else { Join-Path $env:APPDATA 'PHI Sentry\policy.json' }
$Exe = Join-Path $InstallDir 'bin\phisentry.exe'

function Say([string] $What, [string] $Where) { Write-Host ('  {0,-10} {1}' -f $What, $Where) }

# IDs from manifests\extension-ids.txt, the same file install.sh and the packages read.
function Get-DefaultIds([string] $Family) {
  $file = Join-Path $PSScriptRoot '..\..\manifests\extension-ids.txt'
  foreach ($line in Get-Content $file) {
    if ((($line -replace '#.*$', '').Trim()) -match "^$Family\s+(\S+)$") { $Matches[1] }
  }
}

# Writes UTF-8 without a byte-order mark, and only when the content changes.
function Write-IfChanged([string] $Path, [string] $Text) {
  if ((Test-Path $Path) -and ([IO.File]::ReadAllText($Path) -eq $Text)) { Say 'unchanged' $Path; return }
  New-Item -ItemType Directory -Force -Path (Split-Path $Path) | Out-Null
  [IO.File]::WriteAllText($Path, $Text, (New-Object Text.UTF8Encoding $false))
  Say 'installed' $Path
}

function Get-ManifestText([string] $Family) {
  $manifest = [ordered]@{ name = $HostName; description = 'PHI Sentry local scanner'; path = $Exe; type = 'stdio' }
  if ($Family -eq 'firefox') { $manifest.allowed_extensions = @($FirefoxId) }
  else { $manifest.allowed_origins = @($ChromiumId | ForEach-Object { "chrome-extension://$_/" }) }
  return ($manifest | ConvertTo-Json) + "`n"
}

function Register-Host([string] $Family, [string] $ManifestPath) {
  foreach ($key in $BrowserKeys[$Family]) {
    $path = "$Hive\$key\$HostName"
    if ((Test-Path $path) -and ((Get-Item $path).GetValue('') -eq $ManifestPath)) { Say 'unchanged' $path; continue }
    New-Item -Path $path -Force | Out-Null
    Set-Item -Path $path -Value $ManifestPath
    Say 'registered' $path
  }
}

function Install-PhiSentry {
  if (-not $ChromiumId -and -not $FirefoxId) { $script:ChromiumId = Get-DefaultIds 'chromium'; $script:FirefoxId = Get-DefaultIds 'firefox' }
  foreach ($id in $ChromiumId) { if ($id -notmatch '^[a-p]{32}$') { throw "not a Chromium extension ID: $id" } }
  $source = Resolve-Path $From
  New-Item -ItemType Directory -Force -Path (Split-Path $Exe) | Out-Null
  Copy-Item (Join-Path $source 'bin\phisentry.exe') $Exe -Force
  $rules = Join-Path $InstallDir 'share\phisentry\rules'
  if (Test-Path $rules) { Remove-Item $rules -Recurse -Force }
  New-Item -ItemType Directory -Force -Path (Split-Path $rules) | Out-Null
  Copy-Item (Join-Path $source 'share\phisentry\rules') $rules -Recurse
  Say 'installed' $Exe
  foreach ($family in 'chromium', 'firefox') {
    $file = Join-Path $InstallDir "bin\$HostName.$family.json"
    Write-IfChanged $file (Get-ManifestText $family)
    Register-Host $family $file
  }
  if (Test-Path $PolicyFile) { Say 'kept' $PolicyFile }
  else { Write-IfChanged $PolicyFile ([IO.File]::ReadAllText((Join-Path $PSScriptRoot '..\policy\policy.json'))) }
  Write-Host "Done. Check it with: & '$Exe' doctor"
}

function Uninstall-PhiSentry {
  foreach ($family in 'chromium', 'firefox') {
    foreach ($key in $BrowserKeys[$family]) {
      $path = "$Hive\$key\$HostName"
      if (-not (Test-Path $path)) { continue }
      # Another installation's registration is not ours to remove.
      if ((Get-Item $path).GetValue('') -notlike "$InstallDir\*") { Say 'kept' $path; continue }
      Remove-Item $path -Recurse -Force
      Say 'removed' $path
    }
  }
  if (Test-Path $InstallDir) { Remove-Item $InstallDir -Recurse -Force; Say 'removed' $InstallDir }
  Write-Host 'Done. The policy and the audit trail, if any, are kept.'
}

if ($Scope -eq 'Machine') {
  $admin = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole(
    [Security.Principal.WindowsBuiltInRole]::Administrator)
  if (-not $admin) { throw '-Scope Machine needs an elevated PowerShell' }
}
if ($Uninstall) { Uninstall-PhiSentry } else { Install-PhiSentry }
