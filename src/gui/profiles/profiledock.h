#pragma once

#include "profiles/profile.h"

#include <QDateTime>
#include <QDockWidget>
#include <QHash>
#include <QSize>

class QTreeWidget;
class QTreeWidgetItem;

namespace strata::gui {

// The profiles, grouped by environment, each with its colour and a state badge; a protected one
// has a padlock beside its colour.
class ProfileDock : public QDockWidget
{
    Q_OBJECT

public:
    // Unreachable: the database was not read (shown "unknown"); ProjectMissing: the profile's
    // project folder is gone; ProjectError: it is there but could not be read.
    enum class Badge {
        Unknown,
        Checking,
        UpToDate,
        Pending,
        Edited,
        Unreachable,
        ProjectMissing,
        ProjectError
    };
    // What the last drift check of the profile's database found (DriftMonitor): Found shows a
    // drift mark (the word and an icon) beside the badge; every state's words are in the tooltip.
    enum class Drift { NotChecked, None, Found, Unknown };
    // An item's data in column 0: true for a protected profile (it shows the padlock).
    static constexpr int ProtectedRole = Qt::UserRole + 2;
    // The icons' size: the colour, then room for the padlock.
    static QSize iconSize() { return {30, 16}; }

    explicit ProfileDock(QWidget *parent = nullptr);

    void setProfiles(const QList<Profile> &profiles);
    // detail: the tooltip (why, when last read). checkedAt: when the state was last checked,
    // shown beside the badge (hours and minutes); invalid: not shown.
    void setBadge(const QString &profile, Badge badge, int pendingCount = 0,
                  const QString &detail = {}, const QDateTime &checkedAt = {});
    // The profile's job in a few words ("running: upgrade, step 2 of 5"), in the tooltip, and
    // shortly (`badge`, "running 2/5") with a busy mark in place of the badge, which stays in
    // the tooltip; empty job: the job ended.
    void setJob(const QString &profile, const QString &job, const QString &badge = {});
    QString jobText(const QString &profile) const;
    // detail: the tooltip's drift lines (what drifted and when it was checked, or why it is not
    // known).
    void setDrift(const QString &profile, Drift drift, const QString &detail);
    // "drift" while the drift mark shows, else empty; and the tooltip's drift lines.
    QString driftText(const QString &profile) const;
    QString driftDetail(const QString &profile) const;
    // The State column's tooltip.
    QString stateToolTip(const QString &profile) const;
    void select(const QString &profile);
    QString selected() const;
    // The badge without the time it was checked ("3 pending"), and that time ("18:32").
    QString badgeText(const QString &profile) const;
    QString checkedText(const QString &profile) const;
    QTreeWidget *tree() const { return m_tree; }

    static QString badgeText(Badge badge, int pendingCount);

Q_SIGNALS:
    void profileSelected(QString name);
    void editRequested(QString name);

private:
    QTreeWidgetItem *itemFor(const QString &profile) const;
    // Shows the item's badge, or its job while one runs.
    void showState(QTreeWidgetItem *item);

    QTreeWidget *m_tree = nullptr;
};

} // namespace strata::gui
