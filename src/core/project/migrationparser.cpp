#include "project/migrationparser.h"

#include <QByteArrayView>

#include <utility>

namespace strata {

// How a line is read (after trimming blanks):
// - A section marker is `--` then `+` then a word, alone on its line (`-- +upgrade`, `--+upgrade`).
//   A lone word other than upgrade or downgrade is an error, so `-- +Upgrade` or `-- +upgarde`
//   cannot silently turn a section into SQL; `-- +1 for this` (more words) is a comment.
// - In the header, `-- word:` (blanks allowed before the colon) where word is [a-z_]+ is a key;
//   an unknown lower-case word is an error, so a misspelt key is never ignored. A capitalised
//   known key (`-- Revision:`) is an error too; any other comment (`-- Note: ...`) is ignored.
// - In the header, a line that is neither blank nor a `--` comment is SQL before the first marker:
//   an error, since it would otherwise never run.

namespace {

constexpr qsizetype kMaxIdLength = 32;

enum Key : int {
    Revision,
    DownRevision,
    Message,
    CreateDate,
    BranchLabels,
    DependsOn,
    Transactional,
    KeyCount
};

const QLatin1String kKeyNames[KeyCount] = {
    QLatin1String("revision"),      QLatin1String("down_revision"), QLatin1String("message"),
    QLatin1String("create_date"),   QLatin1String("branch_labels"), QLatin1String("depends_on"),
    QLatin1String("transactional"),
};

const QLatin1String kKnownKeys("revision, down_revision, message, create_date, branch_labels, "
                               "depends_on, transactional");

bool isLowerOrUnderscore(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('_');
}

bool isLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool isIdChar(QChar c)
{
    return isLetter(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
}

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

QStringView trimBlanks(QStringView s)
{
    qsizetype from = 0;
    qsizetype to = s.size();
    while (from < to && s[from].isSpace())
        ++from;
    while (to > from && s[to - 1].isSpace())
        --to;
    return s.sliced(from, to - from);
}

int keyIndex(QStringView word)
{
    for (int k = 0; k < KeyCount; ++k)
        if (word == kKeyNames[k])
            return k;
    return -1;
}

// Why id is not a valid revision id or label (what names it in the message), or an empty string.
QString idProblem(QStringView id, const QString &what)
{
    if (id.isEmpty())
        return QStringLiteral("empty %1").arg(what);
    if (id.size() > kMaxIdLength)
        return QStringLiteral("%1 '%2' is %3 characters long; at most %4 are allowed")
            .arg(what, id.toString())
            .arg(id.size())
            .arg(kMaxIdLength);
    for (QChar c : id)
        if (!isIdChar(c))
            return QStringLiteral("%1 '%2' contains '%3'; only letters, digits and _ are allowed")
                .arg(what, id.toString(), QString(c));
    return {};
}

// The 1-based line holding the first byte sequence that is not UTF-8. A multi-byte sequence
// never contains '\n', so checking each line on its own finds exactly that line.
int firstBadUtf8Line(QByteArrayView bytes)
{
    int line = 1;
    qsizetype from = 0;
    while (from <= bytes.size()) {
        qsizetype end = bytes.indexOf('\n', from);
        if (end < 0)
            end = bytes.size();
        if (!bytes.sliced(from, end - from).isValidUtf8())
            return line;
        ++line;
        from = end + 1;
    }
    return 1; // not reached: some line must be invalid if the whole is
}

struct Marker
{
    enum Kind { None, Upgrade, Downgrade, Unknown, TrailingText } kind = None;
    QStringView word;
};

// trimmed is a line without surrounding blanks.
Marker readMarker(QStringView trimmed)
{
    if (!trimmed.startsWith(QLatin1String("--")))
        return {};
    qsizetype i = 2;
    while (i < trimmed.size() && isBlank(trimmed[i]))
        ++i;
    if (i >= trimmed.size() || trimmed[i] != QLatin1Char('+'))
        return {};
    const qsizetype wordStart = ++i;
    while (i < trimmed.size() && isLetter(trimmed[i]))
        ++i;
    const QStringView word = trimmed.sliced(wordStart, i - wordStart);
    if (word.isEmpty())
        return {};
    const bool known = word == QLatin1String("upgrade") || word == QLatin1String("downgrade");
    if (i < trimmed.size())
        return known ? Marker{Marker::TrailingText, word} : Marker{};
    if (!known)
        return {Marker::Unknown, word};
    return {word == QLatin1String("upgrade") ? Marker::Upgrade : Marker::Downgrade, word};
}

class Parser
{
public:
    Parser(const QString &filePath) : m_path(filePath) {}

    Result<Migration> run(const QByteArray &bytes);

private:
    Error at(int line, QString message) const
    {
        return Error::at(m_path, line, std::move(message));
    }
    Status headerLine(QStringView trimmed, int lineNo);
    Status setKey(int key, QStringView value, int lineNo);
    Result<QStringList> readList(QStringView value, int key, int lineNo) const;

    const QString &m_path;
    Migration m_migration;
    unsigned m_seenKeys = 0;
};

Result<Migration> Parser::run(const QByteArray &bytes)
{
    if (!bytes.isValidUtf8())
        return at(firstBadUtf8Line(bytes), QStringLiteral("the file is not valid UTF-8"));

    const QString text = QString::fromUtf8(bytes);
    QStringView all(text);
    qsizetype bomOffset = 0;
    if (all.startsWith(QChar(0xFEFF)))
        bomOffset = 1;

    Migration &m = m_migration;
    m.filePath = m_path;
    enum class Section { Header, Upgrade, Downgrade } section = Section::Header;
    qsizetype sectionStart = 0; // offset in text where the current section's SQL begins
    int lineNo = 0;
    qsizetype start = bomOffset;
    const qsizetype size = all.size();

    while (start < size) {
        qsizetype end = all.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = size;
        const qsizetype lineStart = start;
        const QStringView line = all.sliced(start, end - start);
        start = end + 1;
        ++lineNo;

        // Hot path inside a section: only a line whose first non-blank characters are "--" can
        // be a marker; everything else is SQL and needs no further look.
        if (section != Section::Header) {
            qsizetype first = 0;
            while (first < line.size() && line[first].isSpace())
                ++first;
            if (first + 1 >= line.size() || line[first] != QLatin1Char('-') ||
                line[first + 1] != QLatin1Char('-'))
                continue;
        }

        const QStringView trimmed = trimBlanks(line);
        const Marker marker = readMarker(trimmed);
        switch (marker.kind) {
        case Marker::None:
            break;
        case Marker::Unknown:
            return at(lineNo, QStringLiteral("unknown section marker '-- +%1'; the sections are "
                                             "'-- +upgrade' and '-- +downgrade'")
                                  .arg(marker.word.toString()));
        case Marker::TrailingText:
            return at(lineNo, QStringLiteral("text after the section marker '-- +%1'; a marker "
                                             "stands alone on its line")
                                  .arg(marker.word.toString()));
        case Marker::Upgrade:
            if (m.upgradeLine > 0)
                return at(lineNo, QStringLiteral("a second '-- +upgrade' section marker (the "
                                                 "first is on line %1)")
                                      .arg(m.upgradeLine - 1));
            if (section == Section::Downgrade)
                return at(lineNo, QStringLiteral("'-- +upgrade' must come before '-- +downgrade'"));
            section = Section::Upgrade;
            sectionStart = qMin(start, size);
            m.upgradeLine = lineNo + 1;
            continue;
        case Marker::Downgrade:
            if (m.hasDowngrade)
                return at(lineNo, QStringLiteral("a second '-- +downgrade' section marker (the "
                                                 "first is on line %1)")
                                      .arg(m.downgradeLine - 1));
            if (section != Section::Upgrade)
                return at(lineNo,
                          QStringLiteral("'-- +downgrade' before '-- +upgrade'; the upgrade "
                                         "section comes first"));
            m.upgradeSql = text.sliced(sectionStart, lineStart - sectionStart);
            section = Section::Downgrade;
            sectionStart = qMin(start, size);
            m.hasDowngrade = true;
            m.downgradeLine = lineNo + 1;
            continue;
        }

        if (section == Section::Header) {
            if (auto status = headerLine(trimmed, lineNo); !status)
                return status.error();
        }
        // else: a comment inside a section is part of its SQL
    }

    if (section == Section::Upgrade)
        m.upgradeSql = text.sliced(sectionStart);
    else if (section == Section::Downgrade)
        m.downgradeSql = text.sliced(sectionStart);

    if (!(m_seenKeys & (1u << Revision)))
        return at(1, QStringLiteral("no '-- revision: ID' header line; every migration names its "
                                    "revision id before '-- +upgrade'"));
    if (m.upgradeLine == 0)
        return at(qMax(lineNo, 1), QStringLiteral("no '-- +upgrade' section marker; the file "
                                                  "ends without an upgrade section"));
    if (m.downRevisions.contains(m.revision))
        return at(m.downRevisionsLine,
                  QStringLiteral("revision %1 lists itself in down_revision").arg(m.revision));
    if (m.dependsOn.contains(m.revision))
        return at(m.dependsOnLine,
                  QStringLiteral("revision %1 lists itself in depends_on").arg(m.revision));
    return std::move(m_migration);
}

Status Parser::headerLine(QStringView trimmed, int lineNo)
{
    if (trimmed.isEmpty())
        return {};
    if (!trimmed.startsWith(QLatin1String("--")))
        return at(lineNo, QStringLiteral("SQL before the first section marker; only '-- key: "
                                         "value' header lines and comments may come before "
                                         "'-- +upgrade'"));
    // `-- word:` with word [A-Za-z_]+ is key-shaped; anything else is a plain comment.
    const QStringView body = trimBlanks(trimmed.sliced(2));
    qsizetype i = 0;
    bool lower = true;
    while (i < body.size() && (isLetter(body[i]) || body[i] == QLatin1Char('_'))) {
        lower = lower && isLowerOrUnderscore(body[i]);
        ++i;
    }
    const QStringView word = body.first(i);
    while (i < body.size() && isBlank(body[i]))
        ++i;
    if (word.isEmpty() || i >= body.size() || body[i] != QLatin1Char(':'))
        return {};

    const int key = keyIndex(word);
    if (key < 0) {
        if (lower)
            return at(lineNo, QStringLiteral("unknown header key '%1'; the keys are %2")
                                  .arg(word.toString(), kKnownKeys));
        const QString folded = word.toString().toLower();
        if (keyIndex(folded) >= 0)
            return at(lineNo, QStringLiteral("header key '%1' must be written in lower case: '%2'")
                                  .arg(word.toString(), folded));
        return {}; // a comment such as "-- Note: ..."
    }
    if (m_seenKeys & (1u << key))
        return at(lineNo, QStringLiteral("header key '%1' appears twice").arg(kKeyNames[key]));
    m_seenKeys |= 1u << key;
    return setKey(key, trimBlanks(body.sliced(i + 1)), lineNo);
}

Status Parser::setKey(int key, QStringView value, int lineNo)
{
    Migration &m = m_migration;
    switch (key) {
    case Revision:
        if (const QString problem = idProblem(value, QStringLiteral("revision id"));
            !problem.isEmpty())
            return at(lineNo, problem);
        m.revision = value.toString();
        m.headerLine = lineNo;
        break;
    case DownRevision:
    case DependsOn:
    case BranchLabels: {
        auto list = readList(value, key, lineNo);
        if (!list)
            return list.error();
        if (key == DownRevision) {
            m.downRevisions = std::move(list).value();
            m.downRevisionsLine = lineNo;
        } else if (key == DependsOn) {
            m.dependsOn = std::move(list).value();
            m.dependsOnLine = lineNo;
        } else {
            m.branchLabels = std::move(list).value();
            m.branchLabelsLine = lineNo;
        }
        break;
    }
    case Message:
        m.message = value.toString();
        break;
    case CreateDate:
        m.createDate = value.toString();
        break;
    case Transactional:
        if (value == QLatin1String("true"))
            m.transactional = true;
        else if (value == QLatin1String("false"))
            m.transactional = false;
        else
            return at(lineNo, QStringLiteral("transactional must be true or false, not '%1'")
                                  .arg(value.toString()));
        break;
    }
    return {};
}

// A comma-separated list of ids; empty for an empty value.
Result<QStringList> Parser::readList(QStringView value, int key, int lineNo) const
{
    QStringList ids;
    if (value.isEmpty())
        return ids;
    const QString what =
        key == BranchLabels ? QStringLiteral("branch label") : QStringLiteral("revision id");
    for (QStringView part : value.split(QLatin1Char(','))) {
        const QStringView id = trimBlanks(part);
        if (id.isEmpty())
            return at(lineNo, QStringLiteral("empty entry in the %1 list").arg(kKeyNames[key]));
        if (const QString problem = idProblem(id, what); !problem.isEmpty())
            return at(lineNo, problem);
        QString owned = id.toString();
        if (ids.contains(owned))
            return at(lineNo, QStringLiteral("%1 lists '%2' twice").arg(kKeyNames[key], owned));
        ids.append(std::move(owned));
    }
    return ids;
}

} // namespace

QString MigrationParser::revisionIdProblem(const QString &id, const QString &what)
{
    return idProblem(id, what);
}

Result<Migration> MigrationParser::parse(const QString &filePath, const QByteArray &bytes)
{
    return Parser(filePath).run(bytes);
}

} // namespace strata
