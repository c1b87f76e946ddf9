#pragma once

// The revision topologies of Alembic's own tests and their expectations, read from
// tests/data/alembic/topologies.txt (its header describes the format). The same file is
// checked against Alembic itself by tests/data/alembic/confirm_with_alembic.py, so what the
// graph and planner tests expect is Alembic's behaviour, not a guess.

#include "project/migration.h"

#include <QFile>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>
#include <QStringList>

namespace strata::test {

// "a,b" -> {a, b}; "-" and "" -> {}.
inline QStringList idList(const QString &text)
{
    if (text.isEmpty() || text == QLatin1String("-"))
        return {};
    return text.split(QLatin1Char(','));
}

inline QSet<QString> idSet(const QStringList &ids)
{
    return QSet<QString>(ids.begin(), ids.end());
}

inline QString sortedJoin(QStringList ids)
{
    ids.sort();
    return ids.isEmpty() ? QStringLiteral("-") : ids.join(QLatin1Char(','));
}

// A migration as the parser would hand it over: header on line 1, down_revision on line 2,
// depends_on on line 3 and branch_labels on line 4 when present.
inline Migration makeMigration(const QString &id, const QStringList &down = {},
                               const QStringList &depends = {}, const QStringList &labels = {})
{
    Migration m;
    m.revision = id;
    m.downRevisions = down;
    m.dependsOn = depends;
    m.branchLabels = labels;
    m.message = id;
    m.upgradeSql = QStringLiteral("SELECT 1;\n");
    m.upgradeLine = 6;
    m.hasDowngrade = true;
    m.downgradeSql = QStringLiteral("SELECT 1;\n");
    m.downgradeLine = 9;
    m.filePath = QStringLiteral("versions/%1.sql").arg(id);
    m.headerLine = 1;
    m.downRevisionsLine = 2;
    m.dependsOnLine = depends.isEmpty() ? 0 : 3;
    m.branchLabelsLine = labels.isEmpty() ? 0 : 4;
    return m;
}

struct Topology
{
    QString name;
    int line = 0;
    QList<Migration> migrations;

    // Revisions each revision must follow on upgrade: down_revision and depends_on (labels
    // resolved to the revision declaring them). Taken from the migrations, not from the graph
    // under test.
    QHash<QString, QSet<QString>> parents() const
    {
        QHash<QString, QString> labelOwner;
        for (const Migration &m : migrations)
            for (const QString &label : m.branchLabels)
                labelOwner.insert(label, m.revision);
        QHash<QString, QSet<QString>> out;
        for (const Migration &m : migrations) {
            QSet<QString> &set = out[m.revision];
            for (const QString &down : m.downRevisions)
                set.insert(down);
            for (const QString &dep : m.dependsOn)
                set.insert(labelOwner.value(dep, dep));
        }
        return out;
    }
};

// One line of expectations: a graph fact, a build error or a plan.
struct TopologyCase
{
    QString topology;
    int line = 0;
    QString kind;                 // heads, resolve, builderror, upgrade, downgrade, stamp, ...
    QStringList args;             // positional words
    QHash<QString, QString> opts; // key=value words; a bare flag such as "purge" maps to "true"

    bool has(const char *key) const { return opts.contains(QLatin1String(key)); }
    QString opt(const char *key) const { return opts.value(QLatin1String(key)); }
    QString arg(int i) const { return args.value(i); }
    QString tag() const
    {
        return QStringLiteral("topologies.txt:%1 %2: %3 %4")
            .arg(line)
            .arg(topology, kind, args.join(QLatin1Char(' ')));
    }
};

struct TopologyFile
{
    QList<Topology> topologies;
    QList<TopologyCase> cases;
    QString error; // empty when the file was read and understood

    const Topology *find(const QString &name) const
    {
        for (const Topology &t : topologies)
            if (t.name == name)
                return &t;
        return nullptr;
    }
};

inline TopologyFile parseTopologies(const QString &path)
{
    TopologyFile out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        out.error = QStringLiteral("cannot open %1").arg(path);
        return out;
    }
    int number = 0;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        ++number;
        const QString text = raw.section(QLatin1Char('#'), 0, 0).trimmed();
        if (text.isEmpty())
            continue;
        const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString &keyword = words.first();
        if (keyword == QLatin1String("topology")) {
            out.topologies.append(Topology{words.value(1), number, {}});
            continue;
        }
        if (out.topologies.isEmpty()) {
            out.error = QStringLiteral("line %1: expectation before any topology").arg(number);
            return out;
        }
        if (keyword == QLatin1String("rev")) {
            QStringList down, depends, labels;
            QString filePath;
            bool irreversible = false;
            for (const QString &word : words.mid(2)) {
                const QString key = word.section(QLatin1Char('='), 0, 0);
                const QString value = word.section(QLatin1Char('='), 1);
                if (key == QLatin1String("down"))
                    down = idList(value);
                else if (key == QLatin1String("depends"))
                    depends = idList(value);
                else if (key == QLatin1String("labels"))
                    labels = idList(value);
                else if (key == QLatin1String("file"))
                    filePath = value;
                else if (key == QLatin1String("irreversible"))
                    irreversible = true;
                else {
                    out.error = QStringLiteral("line %1: unknown key %2").arg(number).arg(key);
                    return out;
                }
            }
            Migration m = makeMigration(words.value(1), down, depends, labels);
            if (!filePath.isEmpty())
                m.filePath = filePath;
            if (irreversible) {
                m.hasDowngrade = false;
                m.downgradeSql.clear();
                m.downgradeLine = 0;
            }
            out.topologies.last().migrations.append(m);
            continue;
        }
        TopologyCase c;
        c.topology = out.topologies.last().name;
        c.line = number;
        c.kind = keyword;
        for (const QString &word : words.mid(1)) {
            if (word.contains(QLatin1Char('=')))
                c.opts.insert(word.section(QLatin1Char('='), 0, 0),
                              word.section(QLatin1Char('='), 1));
            else if (word == QLatin1String("purge"))
                c.opts.insert(word, QStringLiteral("true"));
            else
                c.args.append(word);
        }
        out.cases.append(c);
    }
    return out;
}

// The file, read once per test program.
inline const TopologyFile &topologyFile()
{
    static const TopologyFile file =
        parseTopologies(QStringLiteral(STRATA_SOURCE_DIR "/tests/data/alembic/topologies.txt"));
    return file;
}

// True when `text` contains every word of `words` (comma-separated), ignoring case.
inline bool containsWords(const QString &text, const QString &words, QString *missing = nullptr)
{
    for (const QString &word : idList(words)) {
        if (!text.contains(word, Qt::CaseInsensitive)) {
            if (missing)
                *missing = word;
            return false;
        }
    }
    return true;
}

} // namespace strata::test

Q_DECLARE_METATYPE(strata::test::TopologyCase)
