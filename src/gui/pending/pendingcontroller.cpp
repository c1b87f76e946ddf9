#include "pending/pendingcontroller.h"

#include "jobs/runscontroller.h"
#include "pending/planmodel.h"
#include "pending/sqlview.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>

namespace strata::gui {

PendingController::PendingController(const Views &views, RunsController *runs, Snapshots snapshots,
                                     QObject *parent)
    : QObject(parent), m_views(views), m_runs(runs), m_snapshots(std::move(snapshots)),
      m_model(new PlanModel(this))
{
    QTableView *list = m_views.list;
    list->setModel(m_model);
    list->verticalHeader()->hide();
    list->setWordWrap(false);
    list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    list->horizontalHeader()->setSectionResizeMode(PlanModel::Message, QHeaderView::Stretch);
    if (m_views.rowHeight > 0)
        list->verticalHeader()->setDefaultSectionSize(m_views.rowHeight);
    connect(list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PendingController::showStepSql);
    m_views.splitter->setStretchFactor(0, 1);
    m_views.splitter->setStretchFactor(1, 1);
    m_views.splitter->setSizes({560, 440});
    m_views.exportSql->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_views.exportSql->setEnabled(false);
    connect(m_views.exportSql, &QPushButton::clicked, this,
            [this] { m_runs->writeSql(m_sql, QStringLiteral("%1-pending.sql").arg(m_shown)); });
    connect(m_runs, &RunsController::previewReady, this, &PendingController::onReady);
    connect(m_runs, &RunsController::previewFailed, this,
            [this](const QString &profile, const PlanRequest &, const Error &error) {
                onFailed(profile, error);
            });
}

void PendingController::clear(const QString &summary)
{
    m_model->clear();
    m_views.sql->showSql({});
    m_sql.clear();
    m_views.exportSql->setEnabled(false);
    m_views.summary->setText(summary);
}

void PendingController::show(const QString &profile, const SnapshotPtr &snapshot,
                             const QString &unknown)
{
    const bool same = profile == m_shown;
    m_shown = profile;
    if (!unknown.isEmpty()) {
        clear(unknown); // no plan from a state that was not read
        return;
    }
    if (!snapshot || !same || !m_requests.contains(profile))
        clear(snapshot ? tr("Reading the plan…") : tr("Reading the database…"));
    if (!snapshot)
        return;
    PlanRequest heads;
    heads.targets = {QStringLiteral("heads")};
    planTowards(m_requests.value(profile, heads));
}

void PendingController::planTowards(const PlanRequest &requested)
{
    if (m_shown.isEmpty())
        return;
    PlanRequest preview = requested;
    preview.purpose = PlanRequest::Purpose::Preview;
    m_requests.insert(m_shown, preview);
    m_runs->preview(m_shown, preview);
}

void PendingController::onReady(const QString &profile, const PlanRequest &request,
                                const Plan &plan, const QString &offlineSql)
{
    if (profile != m_shown)
        return;
    m_model->setPlan(plan, m_snapshots(profile));
    m_sql = offlineSql;
    m_views.exportSql->setEnabled(!m_sql.isEmpty());
    const QString towards = request.targets.value(0) == QLatin1String("heads")
                                ? tr("the heads")
                                : request.targets.value(0);
    if (plan.steps.isEmpty())
        m_views.summary->setText(tr("Nothing to do: the database is at %1.").arg(towards));
    else
        m_views.summary->setText(
            tr("%n step(s) from %1 to %2. Double-click a revision in History to plan towards "
               "it.",
               nullptr, int(plan.steps.size()))
                .arg(plan.startHeads.isEmpty() ? tr("base")
                                               : plan.startHeads.join(QLatin1String(", ")),
                     towards));
    if (!plan.steps.isEmpty())
        m_views.list->selectRow(0);
    else
        m_views.sql->showSql({});
    Q_EMIT previewUpdated(profile);
}

void PendingController::onFailed(const QString &profile, const Error &error)
{
    if (profile != m_shown)
        return;
    clear(tr("No plan: %1").arg(error.toString()));
    Q_EMIT previewUpdated(profile);
}

void PendingController::showStepSql()
{
    const int row = m_views.list->currentIndex().row();
    int firstLine = 1;
    const QString sql = m_model->sqlOf(row, &firstLine);
    if (row >= 0 && sql.isEmpty() && row < m_model->plan().steps.size())
        m_views.sql->showSql(m_model->plan().steps.at(row).stamp
                                 ? tr("-- A stamp changes only the version rows.")
                                 : tr("-- This step has no SQL."));
    else
        m_views.sql->showSql(sql, std::max(firstLine, 1));
}

} // namespace strata::gui
