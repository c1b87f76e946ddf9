#include "error.h"

namespace strata {

QString Error::toString() const
{
    QString text;
    if (!file.isEmpty()) {
        text = file;
        if (line > 0)
            text += QLatin1Char(':') + QString::number(line);
        text += QLatin1String(": ");
    }
    text += message;
    for (const QString &detail : details)
        text += QLatin1Char('\n') + detail;
    return text;
}

} // namespace strata
