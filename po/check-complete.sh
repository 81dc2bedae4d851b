#!/bin/sh
# po-complete: fails unless every translatable string of the sources has a non-fuzzy
# translation in each language of LINGUAS, and the catalogues pass `msgfmt --check`.
#   check-complete.sh SOURCE_ROOT PO_DIR
set -eu
top=$1
podir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same keywords as meson's i18n "glib" preset.
grep -v '^[[:space:]]*#' "$podir/POTFILES.in" | sed '/^[[:space:]]*$/d' >"$tmp/files"
(cd "$top" && xgettext --from-code=UTF-8 --add-comments --sort-by-file \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --package-name=yibao -f "$tmp/files" -o "$tmp/yibao.pot")

status=0
for lang in $(sed 's/#.*//' "$podir/LINGUAS"); do
  po="$podir/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$lang: $po is missing"; status=1; continue
  fi
  msgfmt --check -o /dev/null "$po" || status=1
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/yibao.pot"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1) || status=1
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      status=1
      echo "$lang: these strings need a translation (run: ninja -C BUILDDIR yibao-update-po):"
      msgattrib --only-fuzzy "$tmp/$lang.po" | grep "^msgid" | grep -v "^msgid \"\"$" || true
      msgattrib --untranslated "$tmp/$lang.po" | grep '^msgid' | grep -v '^msgid ""$' || true
      ;;
  esac
  # Entries in the .po that no source has any more are harmless but stale.
  obsolete=$(msgattrib --only-obsolete "$tmp/$lang.po" | grep -c '^#~ msgid' || true)
  [ "$obsolete" = 0 ] || echo "$lang: note: $obsolete obsolete entries (run yibao-update-po)"
done
exit $status
