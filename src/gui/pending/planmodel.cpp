#include "pending/planmodel.h"

namespace strata::gui {

PlanModel::PlanModel(QObject *parent) : QAbstractTableModel(parent) {}

void PlanModel::setPlan(const Plan &plan, SnapshotPtr snapshot)
{
    beginResetModel();
    m_plan = plan;
    m_snapshot = std::move(snapshot);
    endResetModel();
}

void PlanModel::clear()
{
    setPlan(Plan{}, nullptr);
}

QString PlanModel::actionText(const PlanStep &step)
{
    if (step.stamp)
        return tr("Stamp");
    return step.direction == Direction::Up ? tr("Upgrade") : tr("Downgrade");
}

QString PlanModel::sqlOf(int row, int *firstLine) const
{
    if (row < 0 || row >= m_plan.steps.size() || !m_snapshot)
        return {};
    const PlanStep &step = m_plan.steps.at(row);
    const RevisionRow *revision = m_snapshot->row(step.revision);
    if (step.stamp || !revision)
        return {};
    const bool up = step.direction == Direction::Up;
    if (firstLine)
        *firstLine = up ? revision->upgradeLine : revision->downgradeLine;
    return up ? revision->upgradeSql : revision->downgradeSql;
}

int PlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.steps.size());
}

int PlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PlanModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_plan.steps.size())
        return {};
    const PlanStep &step = m_plan.steps.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == Result)
        return tr("Version rows after this step");
    if (role != Qt::DisplayRole)
        return {};
    const RevisionRow *revision = m_snapshot ? m_snapshot->row(step.revision) : nullptr;
    switch (index.column()) {
    case Step:
        return index.row() + 1;
    case Action:
        return actionText(step);
    case Revision:
        return step.revision;
    case Message:
        return revision ? revision->message : QString();
    case Result:
        return step.toRevisions.isEmpty() ? tr("(base)")
                                          : step.toRevisions.join(QLatin1String(", "));
    default:
        return {};
    }
}

QVariant PlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Step:
        return tr("#");
    case Action:
        return tr("Action");
    case Revision:
        return tr("Revision");
    case Message:
        return tr("Message");
    case Result:
        return tr("Then at");
    default:
        return {};
    }
}

} // namespace strata::gui
