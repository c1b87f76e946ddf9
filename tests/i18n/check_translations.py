#!/usr/bin/env python3
"""Fails when a visible string of the app has no German translation, or a plural no English forms.

Runs lupdate over the sources into a copy of translations/strata_de.ts (and, plurals only, of
strata_en.ts) and reports every message left unfinished (new or changed since the translation
was last brought up to date).
Usage: check_translations.py LUPDATE SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def main():
    lupdate, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        ts = os.path.join(tmp, "strata_de.ts")
        shutil.copy(os.path.join(source, "translations", "strata_de.ts"), ts)
        subprocess.run([lupdate, "-silent", "-no-obsolete",
                        os.path.join(source, "src", "gui"), os.path.join(source, "src", "app"),
                        os.path.join(source, "ui"), "-ts", ts], check=True)
        untranslated = []
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.find("name").text
            for message in context.iter("message"):
                translation = message.find("translation")
                empty = not (translation.text or "").strip() and not len(translation)
                if translation.get("type") == "unfinished" or empty:
                    untranslated.append(f"{name}: {message.find('source').text!r}")
        # English: only the plural forms ("%n step(s)" -> "1 step", "2 steps").
        en = os.path.join(tmp, "strata_en.ts")
        shutil.copy(os.path.join(source, "translations", "strata_en.ts"), en)
        subprocess.run([lupdate, "-silent", "-no-obsolete", "-pluralonly",
                        os.path.join(source, "src", "gui"), os.path.join(source, "src", "app"),
                        os.path.join(source, "ui"), "-ts", en], check=True)
        for message in ET.parse(en).getroot().iter("message"):
            translation = message.find("translation")
            if translation.get("type") == "unfinished":
                untranslated.append(f"English plural: {message.find('source').text!r}")
    if untranslated:
        print(f"{len(untranslated)} string(s) without a German translation in "
              "translations/strata_de.ts (run the update_translations target, then translate "
              "them):")
        print("\n".join(untranslated))
        return 1
    print("every visible string has a German translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
