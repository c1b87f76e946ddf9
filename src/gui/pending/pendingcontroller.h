#pragma once

#include "jobs/projectsnapshot.h"

#include <QHash>
#include <QObject>

#include <functional>

class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

namespace strata::gui {

class PlanModel;
class RunsController;
class SqlView;

// The Pending tab of the selected profile: the plan towards its heads (or towards a revision
// double-clicked in History), each step's SQL, and the whole script to export. Plans come from
// the RunsController as previews; each profile keeps what its tab plans towards until the
// selection moves to another profile.
class PendingController : public QObject
{
    Q_OBJECT

public:
    // The tab's widgets (from the window's form).
    struct Views
    {
        QTableView *list = nullptr;
        SqlView *sql = nullptr;
        QLabel *summary = nullptr;
        QPushButton *exportSql = nullptr;
        QSplitter *splitter = nullptr;
        int rowHeight = 0; // History's, so both tables read alike
    };
    using Snapshots = std::function<SnapshotPtr(const QString &profile)>;

    PendingController(const Views &views, RunsController *runs, Snapshots snapshots,
                      QObject *parent = nullptr);

    PlanModel *model() const { return m_model; }
    // Shows the profile's plan. unknown: why the database's state was not read (then no plan
    // is asked for, and the summary says so).
    void show(const QString &profile, const SnapshotPtr &snapshot, const QString &unknown = {});
    // Plans towards `request`'s target for the profile shown (a double-click in History).
    void planTowards(const PlanRequest &request);
    // The selection moved to another profile: every tab plans towards the heads again.
    void forgetPlans() { m_requests.clear(); }
    void forget(const QString &profile) { m_requests.remove(profile); }

Q_SIGNALS:
    // The profile's plan is shown (or why there is none).
    void previewUpdated(QString profile);

private:
    void onReady(const QString &profile, const PlanRequest &request, const Plan &plan,
                 const QString &offlineSql);
    void onFailed(const QString &profile, const Error &error);
    void showStepSql();
    void clear(const QString &summary);

    Views m_views;
    RunsController *m_runs;
    Snapshots m_snapshots;
    PlanModel *m_model;
    QString m_shown;                        // whose plan the tab shows
    QHash<QString, PlanRequest> m_requests; // what each profile's tab plans towards
    QString m_sql;                          // the shown plan's whole script
};

} // namespace strata::gui
