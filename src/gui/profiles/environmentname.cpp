#include "profiles/environmentname.h"

#include "profiles/profile.h"

#include <QCoreApplication>

namespace strata::gui {

QString environmentName(const QString &environment)
{
    if (environment == QLatin1String("Development"))
        return QCoreApplication::translate("strata::gui::Environment", "Development");
    if (environment == QLatin1String("Staging"))
        return QCoreApplication::translate("strata::gui::Environment", "Staging");
    if (environment == QLatin1String("Production"))
        return QCoreApplication::translate("strata::gui::Environment", "Production");
    return environment;
}

QString environmentFromName(const QString &shown)
{
    const QString text = shown.trimmed();
    for (const QString &standard : standardEnvironments()) {
        if (text.compare(environmentName(standard), Qt::CaseInsensitive) == 0 ||
            text.compare(standard, Qt::CaseInsensitive) == 0)
            return standard;
    }
    return text;
}

} // namespace strata::gui
