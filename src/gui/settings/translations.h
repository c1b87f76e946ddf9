#pragma once

#include <QString>

class QObject;

namespace strata::gui {

// The translations the app installed: Strata's own (embedded, :/i18n/strata_<lang>.qm) and Qt's
// (qtbase_<lang>.qm from QLibraryInfo::TranslationsPath, Debian's qt6-translations-l10n), so that
// Qt's own buttons (Cancel, Save, Back, Next) speak the same language as the rest.
struct InstalledTranslations
{
    QString strata; // the file loaded, empty when none
    QString qt;     // the file loaded, empty when none (English, or the package is missing)
};

// Installs the translators for `language` ("" the system's, else a code such as "de") into the
// application; `owner` owns them. Without Strata's translation for the language the English
// one is loaded: it holds only the plural forms ("1 step", "2 steps").
InstalledTranslations installTranslations(const QString &language, QObject *owner);

} // namespace strata::gui
