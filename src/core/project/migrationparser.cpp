#include "project/migrationparser.h"

#include <QStringDecoder>

#include <iterator>

namespace strata {

namespace {

// The first line holding a byte sequence that is not UTF-8, or 0.
int firstBadUtf8Line(const QByteArray &bytes)
{
    int line = 1;
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c == '\n') {
            ++line;
            ++i;
            continue;
        }
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned int min = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
        } else {
            return line;
        }
        if (i + extra >= n)
            return line;
        unsigned int cp = c & (0x3F >> extra);
        for (int k = 1; k <= extra; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return line;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return line;
        i += extra + 1;
    }
    return 0;
}

bool isKeyChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('_');
}

QStringList splitList(const QString &value)
{
    QStringList out;
    if (value.isEmpty())
        return out;
    qsizetype from = 0;
    while (true) {
        const qsizetype comma = value.indexOf(QLatin1Char(','), from);
        const QStringView part =
            QStringView(value).mid(from, comma < 0 ? -1 : comma - from).trimmed();
        out.append(part.toString());
        if (comma < 0)
            break;
        from = comma + 1;
    }
    return out;
}

} // namespace

QString MigrationParser::revisionIdProblem(const QString &id)
{
    if (id.isEmpty())
        return QStringLiteral("empty revision id");
    if (id.size() > 32)
        return QStringLiteral("revision id '%1' is %2 characters long; at most 32 are allowed")
            .arg(id)
            .arg(id.size());
    for (QChar c : id) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        if (!ok)
            return QStringLiteral(
                       "revision id '%1' contains '%2'; only letters, digits and _ are allowed")
                .arg(id, QString(c));
    }
    return {};
}

Result<Migration> MigrationParser::parse(const QString &filePath, const QByteArray &bytes)
{
    if (const int bad = firstBadUtf8Line(bytes))
        return Error::at(filePath, bad, QStringLiteral("the file is not valid UTF-8"));

    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    Migration m;
    m.filePath = filePath;
    enum class Section { Header, Upgrade, Downgrade } section = Section::Header;
    bool sawUpgrade = false;
    bool sawRevision = false;
    unsigned seenKeys = 0;
    qsizetype sectionStart = -1; // offset where the current section's text begins
    auto closeSection = [&](qsizetype end) {
        if (section == Section::Upgrade)
            m.upgradeSql = text.mid(sectionStart, end - sectionStart);
        else if (section == Section::Downgrade)
            m.downgradeSql = text.mid(sectionStart, end - sectionStart);
    };

    const QStringView all(text);
    qsizetype start = 0;
    int lineNo = 0;
    while (start <= all.size()) {
        qsizetype end = all.indexOf(QLatin1Char('\n'), start);
        const bool last = end < 0;
        if (last)
            end = all.size();
        const qsizetype lineStart = start;
        QStringView line = all.mid(start, end - start);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (last && line.isEmpty())
            break; // the newline ending the last line does not start another
        ++lineNo;
        start = end + 1;

        if (section != Section::Header) {
            // Fast path inside a section: only a line starting with "--" can be a marker.
            qsizetype first = 0;
            while (first < line.size() &&
                   (line[first] == QLatin1Char(' ') || line[first] == QLatin1Char('\t')))
                ++first;
            if (first + 1 >= line.size() || line[first] != QLatin1Char('-') ||
                line[first + 1] != QLatin1Char('-')) {
                if (last)
                    break;
                continue;
            }
        }
        const QStringView trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("-- +")) || trimmed.startsWith(QLatin1String("--+"))) {
            const QStringView marker = trimmed.mid(trimmed.indexOf(QLatin1Char('+')) + 1).trimmed();
            if (marker == QLatin1String("upgrade")) {
                if (sawUpgrade)
                    return Error::at(filePath, lineNo,
                                     QStringLiteral("a second '-- +upgrade' section"));
                if (section == Section::Downgrade)
                    return Error::at(
                        filePath, lineNo,
                        QStringLiteral("'-- +upgrade' must come before '-- +downgrade'"));
                sawUpgrade = true;
                section = Section::Upgrade;
                sectionStart = qMin(start, all.size());
                m.upgradeLine = lineNo + 1;
                if (last)
                    break;
                continue;
            }
            if (marker == QLatin1String("downgrade")) {
                if (m.hasDowngrade)
                    return Error::at(filePath, lineNo,
                                     QStringLiteral("a second '-- +downgrade' section"));
                if (!sawUpgrade)
                    return Error::at(filePath, lineNo,
                                     QStringLiteral("'-- +downgrade' before '-- +upgrade'"));
                closeSection(lineStart);
                m.hasDowngrade = true;
                section = Section::Downgrade;
                sectionStart = qMin(start, all.size());
                m.downgradeLine = lineNo + 1;
                if (last)
                    break;
                continue;
            }
            return Error::at(filePath, lineNo,
                             QStringLiteral("unknown section marker '-- +%1'; the sections are '-- "
                                            "+upgrade' and '-- +downgrade'")
                                 .arg(marker.toString()));
        }

        if (section != Section::Header) {
            // a comment inside a section: part of the SQL
        } else if (!trimmed.isEmpty()) {
            if (!trimmed.startsWith(QLatin1String("--")))
                return Error::at(
                    filePath, lineNo,
                    QStringLiteral("SQL before the '-- +upgrade' marker; only '-- key: value' "
                                   "header lines and comments may come first"));
            // "-- key: value" where key is [a-z_]+ is a header line; any other comment is ignored.
            const QStringView body = trimmed.mid(2).trimmed();
            qsizetype k = 0;
            while (k < body.size() && isKeyChar(body[k]))
                ++k;
            if (k == 0 || k >= body.size() || body[k] != QLatin1Char(':'))
                continue;
            const QStringView key = body.left(k);
            const QString value = body.mid(k + 1).trimmed().toString();
            static const QLatin1String known[] = {
                QLatin1String("revision"),      QLatin1String("down_revision"),
                QLatin1String("message"),       QLatin1String("create_date"),
                QLatin1String("branch_labels"), QLatin1String("depends_on"),
                QLatin1String("transactional")};
            int keyIndex = -1;
            for (int n = 0; n < int(std::size(known)); ++n)
                if (key == known[n])
                    keyIndex = n;
            if (keyIndex < 0)
                return Error::at(
                    filePath, lineNo,
                    QStringLiteral("unknown header key '%1'; known keys: revision, down_revision, "
                                   "message, create_date, branch_labels, depends_on, transactional")
                        .arg(key.toString()));
            if (seenKeys & (1u << keyIndex))
                return Error::at(
                    filePath, lineNo,
                    QStringLiteral("header key '%1' appears twice").arg(key.toString()));
            seenKeys |= 1u << keyIndex;
            auto checkIds = [&](const QStringList &ids, QStringView what) -> Status {
                for (const QString &id : ids) {
                    if (id.isEmpty())
                        return Error::at(
                            filePath, lineNo,
                            QStringLiteral("empty entry in the %1 list").arg(what.toString()));
                    if (const QString problem = revisionIdProblem(id); !problem.isEmpty())
                        return Error::at(filePath, lineNo, problem);
                }
                return {};
            };
            if (key == QLatin1String("revision")) {
                if (const QString problem = revisionIdProblem(value); !problem.isEmpty())
                    return Error::at(filePath, lineNo, problem);
                m.revision = value;
                m.headerLine = lineNo;
                sawRevision = true;
            } else if (key == QLatin1String("down_revision")) {
                m.downRevisions = splitList(value);
                m.downRevisionsLine = lineNo;
                if (auto s = checkIds(m.downRevisions, key); !s)
                    return s.error();
            } else if (key == QLatin1String("depends_on")) {
                m.dependsOn = splitList(value);
                m.dependsOnLine = lineNo;
                if (auto s = checkIds(m.dependsOn, key); !s)
                    return s.error();
            } else if (key == QLatin1String("branch_labels")) {
                m.branchLabels = splitList(value);
                m.branchLabelsLine = lineNo;
                if (auto s = checkIds(m.branchLabels, key); !s)
                    return s.error();
            } else if (key == QLatin1String("message")) {
                m.message = value;
            } else if (key == QLatin1String("create_date")) {
                m.createDate = value;
            } else if (key == QLatin1String("transactional")) {
                if (value == QLatin1String("true"))
                    m.transactional = true;
                else if (value == QLatin1String("false"))
                    m.transactional = false;
                else
                    return Error::at(
                        filePath, lineNo,
                        QStringLiteral("transactional must be true or false, not '%1'").arg(value));
            }
        }
        if (last)
            break;
    }

    closeSection(all.size());
    if (!sawRevision)
        return Error::at(filePath, 1, QStringLiteral("no '-- revision:' header line"));
    if (!sawUpgrade)
        return Error::at(filePath, lineNo > 0 ? lineNo : 1,
                         QStringLiteral("no '-- +upgrade' section marker"));
    const auto selfLoop = [&](const QStringList &ids, int line, const QString &what) -> Status {
        if (ids.contains(m.revision))
            return Error::at(
                filePath, line,
                QStringLiteral("revision %1 lists itself in %2").arg(m.revision, what));
        return {};
    };
    if (auto s = selfLoop(m.downRevisions, m.downRevisionsLine, QStringLiteral("down_revision"));
        !s)
        return s.error();
    if (auto s = selfLoop(m.dependsOn, m.dependsOnLine, QStringLiteral("depends_on")); !s)
        return s.error();
    return m;
}

} // namespace strata
