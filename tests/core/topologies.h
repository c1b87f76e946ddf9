#pragma once

// Revision topologies re-expressed from Alembic's own tests (test_version_traversal.py,
// test_revision.py), shared by the graph and planner tests.

#include "project/migration.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace strata::test {

inline QStringList ids(const char *spaceSeparated)
{
    return QString::fromLatin1(spaceSeparated).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// "id<down1,down2|dep1|label"
inline Migration rev(const char *spec)
{
    const QStringList parts = QString::fromLatin1(spec).split(QLatin1Char('|'));
    const QString head = parts.value(0);
    Migration m;
    m.revision = head.section(QLatin1Char('<'), 0, 0);
    m.downRevisions = head.section(QLatin1Char('<'), 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    m.dependsOn = parts.value(1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    m.branchLabels = parts.value(2).split(QLatin1Char(','), Qt::SkipEmptyParts);
    m.hasDowngrade = true;
    m.filePath = QStringLiteral("versions/%1.sql").arg(m.revision);
    m.headerLine = 1;
    m.downRevisionsLine = 2;
    m.dependsOnLine = 3;
    m.branchLabelsLine = 4;
    return m;
}

inline QList<Migration> topology(const QString &name)
{
    static const QHash<QString, QList<const char *>> all = {
        // BranchedPathTest: one line that forks after b.
        {QStringLiteral("branched"), {"a<", "b<a", "c1<b", "d1<c1", "c2<b", "d2<c2"}},
        // MultipleBaseTest: two independent lines, each labelled at its base.
        {QStringLiteral("multibase"),
         {"a1<||abranch", "b1<a1", "c1<b1", "a2<||bbranch", "b2<a2", "c2<b2"}},
        // Twin merge: a fork after b joined again at d.
        {QStringLiteral("twinmerge"), {"a<", "b<a", "c1<b", "c2<b", "d<c1,c2", "e<d"}},
        // DependsOnBranchTest: the second line's b2 depends on the first line's b1.
        {QStringLiteral("crossdep"),
         {"a1<||lbl1", "b1<a1", "c1<b1", "a2<||lbl2", "b2<a2|b1", "c2<b2"}},
        // A dependency between two siblings.
        {QStringLiteral("depmerge"), {"a<", "b1<a", "b2<a", "c<b1|b2"}},
    };
    QList<Migration> out;
    for (const char *spec : all.value(name))
        out.append(rev(spec));
    return out;
}

} // namespace strata::test
