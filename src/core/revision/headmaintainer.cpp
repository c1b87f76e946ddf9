#include "revision/headmaintainer.h"

#include "revision/revisiongraph.h"

#include <algorithm>

namespace strata {

Status HeadMaintainer::insert(const QString &to, QList<VersionChange> &changes)
{
    if (m_heads.contains(to))
        return Error::failure(QStringLiteral("version row %1 would be inserted twice").arg(to));
    m_heads.append(to);
    changes.append(VersionChange::insert(to));
    return {};
}

Status HeadMaintainer::remove(const QString &from, QList<VersionChange> &changes)
{
    if (!m_heads.removeOne(from))
        return Error::failure(
            QStringLiteral("version row %1 should be deleted but is not present").arg(from));
    changes.append(VersionChange::remove(from));
    return {};
}

Status HeadMaintainer::update(const QString &from, const QString &to, QList<VersionChange> &changes)
{
    if (m_heads.contains(to))
        return Error::failure(
            QStringLiteral("version row %1 cannot become %2: %2 is already present").arg(from, to));
    const int at = int(m_heads.indexOf(from));
    if (at < 0)
        return Error::failure(
            QStringLiteral("version row %1 should be updated to %2 but is not present")
                .arg(from, to));
    m_heads[at] = to;
    changes.append(VersionChange::update(from, to));
    return {};
}

// The down revisions a reverted revision hands its row to: those not already implied by the
// other rows.
QStringList HeadMaintainer::unmergeTargets(int index) const
{
    const QStringList down = m_graph.ids(m_graph.normalizedDownRevisions(index));
    QList<int> others;
    for (const QString &head : m_heads)
        if (head != m_graph.id(index))
            if (const int i = m_graph.indexOf(head); i >= 0)
                others.append(i);
    if (others.isEmpty())
        return down;
    const QStringList implied = m_graph.ids(m_graph.ancestors(others));
    QStringList out;
    for (const QString &rev : down)
        if (!implied.contains(rev))
            out.append(rev);
    return out;
}

Result<QList<VersionChange>> HeadMaintainer::revisionStep(int index, Direction direction)
{
    QList<VersionChange> changes;
    const QString rev = m_graph.id(index);
    const QStringList down = m_graph.ids(m_graph.normalizedDownRevisions(index));
    int downInHeads = 0;
    for (const QString &d : down)
        if (m_heads.contains(d))
            ++downInHeads;
    Status status;

    if (direction == Direction::Down) {
        if (m_heads.contains(rev) && (down.isEmpty() || unmergeTargets(index).isEmpty())) {
            status = remove(rev, changes);
        } else if (m_heads.contains(rev) && down.size() > 1) {
            const QStringList to = unmergeTargets(index);
            for (qsizetype i = 0; status && i + 1 < to.size(); ++i)
                status = insert(to[i], changes);
            if (status)
                status = update(rev, to.last(), changes);
        } else {
            QString target = down.value(0);
            if (down.size() != 1) {
                QStringList present;
                for (const QString &d : down)
                    if (m_heads.contains(d))
                        present.append(d);
                if (present.size() != 1)
                    return Error::failure(
                        QStringLiteral(
                            "cannot update the version row for %1: its down revision is ambiguous")
                            .arg(rev));
                target = present.first();
            }
            status = update(rev, target, changes);
        }
    } else {
        if (down.isEmpty() || downInHeads == 0) {
            status = insert(rev, changes);
        } else if (down.size() > 1 && downInHeads > 1) {
            // Merge: keep the rows of other heads' lineage, fold the rest into this revision.
            QStringList from = down;
            QList<int> others;
            for (const QString &head : m_heads)
                if (!down.contains(head))
                    if (const int i = m_graph.indexOf(head); i >= 0)
                        others.append(i);
            if (!others.isEmpty()) {
                const QStringList implied = m_graph.ids(m_graph.ancestors(others));
                from.clear();
                for (const QString &d : down)
                    if (!implied.contains(d))
                        from.append(d);
            }
            // Alembic folds every remaining down revision; those no longer present as rows
            // (absorbed by a head run earlier in the plan) have nothing to fold.
            from.erase(
                std::remove_if(from.begin(), from.end(),
                               [this](const QString &rev) { return !m_heads.contains(rev); }),
                from.end());
            if (from.isEmpty())
                return Error::failure(QStringLiteral("cannot merge version rows into %1").arg(rev));
            for (qsizetype i = 0; status && i + 1 < from.size(); ++i)
                status = remove(from[i], changes);
            if (status)
                status = update(from.last(), rev, changes);
        } else {
            QString source = down.first();
            if (down.size() != 1) {
                QStringList present;
                for (const QString &d : down)
                    if (m_heads.contains(d))
                        present.append(d);
                if (present.size() != 1)
                    return Error::failure(
                        QStringLiteral(
                            "cannot update the version row for %1: its down revision is ambiguous")
                            .arg(rev));
                source = present.first();
            }
            status = update(source, rev, changes);
        }
    }
    if (!status)
        return status.error();
    return changes;
}

Result<QList<VersionChange>> HeadMaintainer::stampStep(const QStringList &from,
                                                       const QStringList &to, bool isUpgrade,
                                                       bool branchMove)
{
    QList<VersionChange> changes;
    Status status;
    bool fromMissing = false;
    for (const QString &f : from)
        fromMissing = fromMissing || !m_heads.contains(f);
    bool toMissing = false;
    for (const QString &t : to)
        toMissing = toMissing || !m_heads.contains(t);

    if (!isUpgrade && branchMove) {
        status = remove(from.value(0), changes);
    } else if (isUpgrade && (branchMove || fromMissing) && toMissing) {
        status = insert(to.value(0), changes);
    } else if (from.size() > 1) {
        for (qsizetype i = 0; status && i + 1 < from.size(); ++i)
            status = remove(from[i], changes);
        if (status)
            status = update(from.last(), to.value(0), changes);
    } else if (to.size() > 1) {
        for (qsizetype i = 0; status && i + 1 < to.size(); ++i)
            status = insert(to[i], changes);
        if (status)
            status = update(from.value(0), to.last(), changes);
    } else {
        status = update(from.value(0), to.value(0), changes);
    }
    if (!status)
        return status.error();
    return changes;
}

} // namespace strata
