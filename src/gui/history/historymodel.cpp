#include "history/historymodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

namespace strata::gui {

HistoryModel::HistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void HistoryModel::setSnapshot(SnapshotPtr snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
}

const RevisionRow *HistoryModel::revisionAt(int row) const
{
    if (!m_snapshot || row < 0 || row >= m_snapshot->rows.size())
        return nullptr;
    return &m_snapshot->rows[row];
}

QString HistoryModel::stateText(RevisionRow::State state)
{
    switch (state) {
    case RevisionRow::State::Unknown:
        return tr("unknown");
    case RevisionRow::State::Pending:
        return tr("pending");
    case RevisionRow::State::Applied:
        return tr("applied");
    case RevisionRow::State::Current:
        return tr("current");
    case RevisionRow::State::Edited:
        return tr("edited since applied");
    case RevisionRow::State::Failed:
        return tr("failed");
    case RevisionRow::State::Cancelled:
        return tr("cancelled");
    case RevisionRow::State::MissingFile:
        return tr("missing file");
    }
    return {};
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_snapshot ? 0 : int(m_snapshot->rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString durationText(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return QObject::tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return QObject::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    return QObject::tr("%1 min %2 s").arg(ms / 60'000).arg((ms / 1000) % 60);
}

QColor stateColour(RevisionRow::State state)
{
    switch (state) {
    case RevisionRow::State::Current:
        return QColor(0x1b, 0x5e, 0x20);
    case RevisionRow::State::Applied:
        return QColor(0x2e, 0x7d, 0x32);
    case RevisionRow::State::Pending:
        return QColor(0x15, 0x65, 0xc0);
    case RevisionRow::State::Edited:
    case RevisionRow::State::Failed:
    case RevisionRow::State::MissingFile:
        return QColor(0xc6, 0x28, 0x28);
    case RevisionRow::State::Cancelled: // stopped on purpose, rolled back: amber, not red
        return QColor(0xb2, 0x6a, 0x00);
    case RevisionRow::State::Unknown:
        break;
    }
    return QColor(0x61, 0x61, 0x61);
}

} // namespace

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    const RevisionRow *r = revisionAt(index.row());
    if (!r)
        return {};
    if (role == RowRole)
        return QVariant::fromValue(quintptr(r));
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Revision:
            return r->id;
        case Message:
            return r->message;
        case Labels:
            return r->shownLabels.join(QLatin1String(", "));
        case State:
            return stateText(r->state);
        case AppliedAt:
            return r->appliedAt.isValid()
                       ? QLocale().toString(r->appliedAt.toLocalTime(), QLocale::ShortFormat)
                       : QString();
        case AppliedBy:
            return r->appliedBy;
        case Duration:
            return durationText(r->durationMs);
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == State)
        return QBrush(stateColour(r->state));
    if (role == Qt::FontRole && (index.column() == Revision || index.column() == State)) {
        QFont font;
        if (index.column() == Revision)
            font.setFamily(QStringLiteral("monospace"));
        font.setBold(r->state == RevisionRow::State::Current ||
                     (index.column() == State && r->state != RevisionRow::State::Applied));
        return font;
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines;
        lines << tr("Revision %1: %2").arg(r->id, r->message);
        if (!r->filePath.isEmpty())
            lines << r->filePath;
        if (!r->parents.isEmpty())
            lines << tr("Down revision(s): %1", nullptr, int(r->parents.size()))
                         .arg(r->parents.join(QLatin1String(", ")));
        if (!r->dependsOn.isEmpty())
            lines << tr("Depends on: %1").arg(r->dependsOn.join(QLatin1String(", ")));
        if (!r->hasDowngrade && !r->filePath.isEmpty())
            lines << tr("No downgrade section: this revision cannot be reverted.");
        if (r->state == RevisionRow::State::Unknown)
            lines << tr("Its state is unknown: the database was not read.");
        if (r->state == RevisionRow::State::Edited)
            lines << tr("The upgrade section changed after it ran; review it, then run "
                        "`strata repair`.");
        return lines.join(QLatin1Char('\n'));
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Graph:
        return tr("Graph");
    case Revision:
        return tr("Revision");
    case Message:
        return tr("Message");
    case Labels:
        return tr("Labels");
    case State:
        return tr("State");
    case AppliedAt:
        return tr("Applied at");
    case AppliedBy:
        return tr("Applied by");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace strata::gui
