#!/usr/bin/env bash
# Installs the Debian packages the product needs (WeasyPrint's pango, a CJK font),
# only where they are missing and only when we may (root, or sudo without a password).
set -u
PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk)
# Debian's python3 cannot create the virtualenv without python3-venv (ensurepip).
python3 -c "import ensurepip" >/dev/null 2>&1 || PACKAGES+=(python3-venv)
command -v dpkg-query >/dev/null 2>&1 || { echo "非 Debian 系统：请自行安装 ${PACKAGES[*]}"; exit 0; }
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
# After a failed install (offline machine) do not retry apt on every `make setup`.
STAMP="$(dirname "$0")/../var/.system-packages-failed"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "${missing[*]}" ]; then
  echo "缺少系统软件包：${missing[*]}（上次安装失败，已跳过；删除 var/.system-packages-failed 可重试）"; exit 0; fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "缺少系统软件包：${missing[*]}（无 root/sudo 权限，跳过；PDF 功能需要它们）"; exit 0; fi
echo "安装系统软件包：${missing[*]}"
$SUDO apt-get update -qq >/dev/null 2>&1 || true
if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  rm -f "$STAMP"
else
  echo "警告：系统软件包安装失败：${missing[*]}"
  mkdir -p "$(dirname "$STAMP")" && echo "${missing[*]}" > "$STAMP"
fi
