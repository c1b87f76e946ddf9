#include "settings/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace strata::gui {

InstalledTranslations installTranslations(const QString &language, QObject *owner)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    InstalledTranslations installed;
    auto *strata = new QTranslator(owner);
    if (strata->load(locale, QStringLiteral("strata"), QStringLiteral("_"),
                     QStringLiteral(":/i18n")) ||
        strata->load(QStringLiteral(":/i18n/strata_en"))) {
        QCoreApplication::installTranslator(strata);
        installed.strata = strata->filePath();
    }
    auto *qt = new QTranslator(owner);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed.qt = qt->filePath();
    }
    return installed;
}

} // namespace strata::gui
