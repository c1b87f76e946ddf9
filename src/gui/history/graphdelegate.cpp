#include "history/graphdelegate.h"

#include "history/historymodel.h"

#include <QPainter>
#include <QPainterPath>

namespace strata::gui {

namespace {

QColor laneColour(int lane)
{
    static const QColor colours[] = {QColor(0x1e, 0x88, 0xe5), QColor(0x8e, 0x24, 0xaa),
                                     QColor(0xef, 0x6c, 0x00), QColor(0x00, 0x89, 0x7b),
                                     QColor(0xd8, 0x1b, 0x60), QColor(0x6d, 0x4c, 0x41)};
    return colours[lane % int(std::size(colours))];
}

} // namespace

void GraphDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, QModelIndex()); // background, selection
    const auto *row =
        reinterpret_cast<const RevisionRow *>(index.data(HistoryModel::RowRole).value<quintptr>());
    if (!row)
        return;
    const QRect r = option.rect;
    const int maxLanes = std::max(1, r.width() / laneWidth);
    auto x = [&](int lane) {
        return r.left() + laneWidth / 2 + std::min(lane, maxLanes - 1) * laneWidth;
    };
    const int top = r.top(), mid = r.center().y(), bottom = r.bottom() + 1;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    auto line = [&](int fromLane, int y0, int toLane, int y1, int colourLane) {
        QPen pen(laneColour(colourLane), 2);
        painter->setPen(pen);
        if (fromLane == toLane) {
            painter->drawLine(x(fromLane), y0, x(toLane), y1);
            return;
        }
        QPainterPath path(QPointF(x(fromLane), y0));
        path.cubicTo(x(fromLane), (y0 + y1) / 2.0, x(toLane), (y0 + y1) / 2.0, x(toLane), y1);
        painter->drawPath(path);
    };
    for (const GraphSegment &s : row->graph.upper)
        line(s.from, top, s.to, mid, s.from);
    for (const GraphSegment &s : row->graph.lower)
        line(s.from, mid, s.to, bottom, s.to);

    const bool applied = row->state == RevisionRow::State::Applied ||
                         row->state == RevisionRow::State::Current ||
                         row->state == RevisionRow::State::Edited;
    const QColor colour = laneColour(row->graph.node);
    const int radius = row->state == RevisionRow::State::Current ? 5 : 4;
    painter->setPen(QPen(colour, 2));
    painter->setBrush(applied ? QBrush(colour) : QBrush(option.palette.base()));
    painter->drawEllipse(QPoint(x(row->graph.node), mid), radius, radius);
    painter->restore();
}

QSize GraphDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto *row =
        reinterpret_cast<const RevisionRow *>(index.data(HistoryModel::RowRole).value<quintptr>());
    const int lanes = row ? row->graph.width : 1;
    return {lanes * laneWidth + 4, QStyledItemDelegate::sizeHint(option, index).height()};
}

} // namespace strata::gui
