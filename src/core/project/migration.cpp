#include "project/migration.h"

#include <QCryptographicHash>

namespace strata {

namespace {

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

bool isBlankLine(QByteArrayView line)
{
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v')
            return false;
    return true;
}

// The section's UTF-8 bytes with \r\n made \n.
QByteArray normalised(const QString &sql)
{
    QByteArray bytes = sql.toUtf8();
    bytes.replace("\r\n", "\n");
    return bytes;
}

// The lines between the first and the last line holding more than blanks, each ending in \n;
// empty for a section of blank lines only.
QByteArray withoutOuterBlankLines(const QByteArray &bytes)
{
    const QList<QByteArray> lines = bytes.split('\n');
    qsizetype first = 0, last = lines.size() - 1;
    while (first <= last && isBlankLine(lines.at(first)))
        ++first;
    while (last >= first && isBlankLine(lines.at(last)))
        --last;
    QByteArray out;
    for (qsizetype i = first; i <= last; ++i)
        out += lines.at(i) + '\n';
    return out;
}

} // namespace

QByteArray Migration::upgradeChecksum() const
{
    return sha256Hex(withoutOuterBlankLines(normalised(upgradeSql)));
}

bool Migration::checksumMatches(const QString &recorded) const
{
    const QByteArray wanted = recorded.toLatin1();
    if (wanted == upgradeChecksum())
        return true;
    // Strata 0.1.0 hashed the raw section: the file as it stands, or the same SQL with
    // the blank lines that stood around it then (an empty line before a marker, none or
    // several at the end of the file, a missing final newline).
    const QByteArray raw = normalised(upgradeSql);
    if (wanted == sha256Hex(raw))
        return true;
    const QByteArray core = withoutOuterBlankLines(raw);
    if (core.isEmpty())
        return false;
    const QByteArray bare = core.chopped(1); // without its final \n
    for (int leading = 0; leading <= 2; ++leading) {
        const QByteArray before(leading, '\n');
        if (wanted == sha256Hex(before + bare))
            return true;
        for (int trailing = 1; trailing <= 4; ++trailing)
            if (wanted == sha256Hex(before + bare + QByteArray(trailing, '\n')))
                return true;
    }
    return false;
}

} // namespace strata
