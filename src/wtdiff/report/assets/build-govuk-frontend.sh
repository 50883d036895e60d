#!/usr/bin/env bash
# Rebuild govuk-frontend.min.css from the npm packages govuk-frontend and sass.
# Run by hand when upgrading GOV.UK Frontend (the output is committed; neither
# users nor CI need Node). Needs node and npm.
#
#   bash src/wtdiff/report/assets/build-govuk-frontend.sh [GOVUK_FRONTEND_VERSION] [SASS_VERSION]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
govuk="${1:-6.6.0}"
sass="${2:-1.108.2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "govuk-frontend@$govuk" "sass@$sass" >/dev/null
cp "$here/govuk-frontend.scss" "$here/_wtdiff-url-handlers.scss" .
./node_modules/.bin/sass --no-source-map --style=compressed --load-path=node_modules govuk-frontend.scss out.css
{
  printf '/*! govuk-frontend %s (MIT, (C) Crown Copyright; see LICENSE-govuk-frontend.txt): the subset in govuk-frontend.scss, built with sass %s and system fonts by build-govuk-frontend.sh */\n' "$govuk" "$sass"
  # Sass writes a byte-order mark when the CSS holds non-ASCII text; the report inlines it, so drop it.
  sed '1s/^\xEF\xBB\xBF//' out.css
} > "$here/govuk-frontend.min.css"
wc -c "$here/govuk-frontend.min.css"
