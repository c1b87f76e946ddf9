#include "layout/columnwidths.h"

#include "audit/auditmodel.h"
#include "history/historymodel.h"

#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QTableView>

#include <algorithm>

namespace strata::gui {

namespace {

// `chars` average characters of the view's font, and never less than the header needs.
int widthFor(const QTableView *view, int column, int chars)
{
    const int average = view->fontMetrics().averageCharWidth();
    return std::max(average * chars + 12, view->horizontalHeader()->sectionSizeHint(column));
}

// Hides History's secondary columns (applied by, duration) while the table is too narrow for
// them and a readable message; they come back when it widens.
class NarrowHistory : public QObject
{
public:
    explicit NarrowHistory(QTableView *view) : QObject(view), m_view(view) {}

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            apply();
        return QObject::eventFilter(watched, event);
    }

    void apply()
    {
        const int average = m_view->fontMetrics().averageCharWidth();
        const bool narrow = m_view->width() < average * 120;
        m_view->setColumnHidden(HistoryModel::AppliedBy, narrow);
        m_view->setColumnHidden(HistoryModel::Duration, narrow);
    }

private:
    QTableView *m_view;
};

} // namespace

void fitHistoryColumns(QTableView *history)
{
    QHeaderView *header = history->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(HistoryModel::Message, QHeaderView::Stretch);
    header->setMinimumSectionSize(history->fontMetrics().averageCharWidth() * 4);
    // Fixed widths that fit typical content: measuring 10,000 rows would cost more than it
    // shows. A revision id is 12 characters; a time "2026-11-29 20:05".
    const int revision =
        history->fontMetrics().horizontalAdvance(QStringLiteral("0123456789ab")) + 16;
    history->setColumnWidth(HistoryModel::Revision,
                            std::max(revision, header->sectionSizeHint(HistoryModel::Revision)));
    const int time =
        history->fontMetrics().horizontalAdvance(QStringLiteral("2026-11-29 20:05")) + 16;
    history->setColumnWidth(HistoryModel::AppliedAt,
                            std::max(time, header->sectionSizeHint(HistoryModel::AppliedAt)));
    const QList<std::pair<int, int>> widths{
        {HistoryModel::Labels, 8}, {HistoryModel::AppliedBy, 7}, {HistoryModel::Duration, 5}};
    for (const auto &[column, chars] : widths)
        history->setColumnWidth(column, widthFor(history, column, chars));
    // Labels are few and short ("reporting"): the column fits the widest one shown, from 8 up
    // to 20 average characters, each time the history is read again.
    if (QAbstractItemModel *model = history->model()) {
        const auto fitLabels = [history, model] {
            const QFontMetrics metrics = history->fontMetrics();
            int widest = widthFor(history, HistoryModel::Labels, 8);
            for (int row = 0; row < model->rowCount(); ++row)
                widest = std::max(widest,
                                  metrics.horizontalAdvance(
                                      model->index(row, HistoryModel::Labels).data().toString()) +
                                      16);
            history->setColumnWidth(HistoryModel::Labels,
                                    std::min(widest, metrics.averageCharWidth() * 20 + 16));
        };
        QObject::connect(model, &QAbstractItemModel::modelReset, history, fitLabels);
        QObject::connect(model, &QAbstractItemModel::rowsInserted, history, fitLabels);
        fitLabels();
    }
    // The state, in bold as History shows it: the widest of the everyday words in the app's
    // language (the rare long ones, "edited since applied" and "missing file", elide; the
    // problem line above the table says them in full).
    QFont bold = history->font();
    bold.setBold(true);
    int state = header->sectionSizeHint(HistoryModel::State);
    using State = RevisionRow::State;
    for (State st : {State::Unknown, State::Pending, State::Applied, State::Current, State::Failed,
                     State::Cancelled})
        state =
            std::max(state, QFontMetrics(bold).horizontalAdvance(HistoryModel::stateText(st)) + 16);
    history->setColumnWidth(HistoryModel::State, state);
    auto *narrow = new NarrowHistory(history);
    history->installEventFilter(narrow);
    narrow->apply();
}

void fitAuditColumns(QTableView *audit)
{
    QHeaderView *header = audit->horizontalHeader();
    // Shown order: when, who, what, how it ended and why, then the details.
    const QList<int> order{AuditModel::Time,   AuditModel::Profile, AuditModel::Action,
                           AuditModel::Result, AuditModel::Reason,  AuditModel::Database,
                           AuditModel::From,   AuditModel::To,      AuditModel::User,
                           AuditModel::Source, AuditModel::Duration};
    for (int visual = 0; visual < order.size(); ++visual)
        header->moveSection(header->visualIndex(order.at(visual)), visual);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const QHash<int, int> caps{
        {AuditModel::Time, 20},   {AuditModel::Profile, 16}, {AuditModel::Action, 14},
        {AuditModel::Result, 26}, {AuditModel::Reason, 22},  {AuditModel::Database, 26},
        {AuditModel::From, 14},   {AuditModel::To, 14},      {AuditModel::User, 10},
        {AuditModel::Source, 6},  {AuditModel::Duration, 8}};
    for (auto it = caps.constBegin(); it != caps.constEnd(); ++it) {
        audit->resizeColumnToContents(it.key()); // content and header
        audit->setColumnWidth(it.key(), std::min(audit->columnWidth(it.key()),
                                                 widthFor(audit, it.key(), it.value())));
    }
}

} // namespace strata::gui
