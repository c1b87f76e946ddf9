#pragma once

#include "jobs/projectsnapshot.h"

#include <QAbstractTableModel>

namespace strata::gui {

// The steps of one plan, for the Pending tab and the run confirmation: what runs, in order.
class PlanModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Step, Action, Revision, Message, Result, ColumnCount };

    explicit PlanModel(QObject *parent = nullptr);

    void setPlan(const Plan &plan, SnapshotPtr snapshot);
    void clear();
    const Plan &plan() const { return m_plan; }
    // The SQL a step runs and the file line it starts on (empty for a stamp).
    QString sqlOf(int row, int *firstLine = nullptr) const;

    static QString actionText(const PlanStep &step);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Plan m_plan;
    SnapshotPtr m_snapshot;
};

} // namespace strata::gui
