#!/usr/bin/env bash
# Installs the Debian packages the product needs (WeasyPrint's pango, a CJK font),
# only where they are missing and only when we may (root, or sudo without a password).
set -u
PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk)
command -v dpkg-query >/dev/null 2>&1 || { echo "非 Debian 系统：请自行安装 ${PACKAGES[*]}"; exit 0; }
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "缺少系统软件包：${missing[*]}（无 root/sudo 权限，跳过；PDF 功能需要它们）"; exit 0; fi
echo "安装系统软件包：${missing[*]}"
$SUDO apt-get update -qq >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "警告：系统软件包安装失败：${missing[*]}"
