#include "project/migration.h"

#include <QCryptographicHash>

namespace strata {

QByteArray Migration::upgradeChecksum() const
{
    QByteArray bytes = upgradeSql.toUtf8();
    bytes.replace("\r\n", "\n");
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

} // namespace strata
