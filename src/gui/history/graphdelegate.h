#pragma once

#include <QStyledItemDelegate>

namespace strata::gui {

// Draws the Graph column of the History tab: lanes, branches and merges from each row's
// GraphRow; filled nodes are applied revisions, hollow ones pending.
class GraphDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static constexpr int laneWidth = 14;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace strata::gui
