# The dashboard's tools: Node/npm build it (the web module runs `npm ci` and `npm run build`) and
# its browser tests drive Debian's Chromium through playwright-core (browser downloads do not work
# here, so the package is installed instead).

web_install_tools() {
  if ! command -v npm >/dev/null; then
    step web "installing Debian packages nodejs npm"
    apt_install nodejs npm
  fi
  if [[ ! -x /usr/bin/chromium ]]; then
    step web "installing Debian package chromium (for the browser tests)"
    apt_install chromium
  fi
}
