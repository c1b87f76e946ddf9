#pragma once

#include "profiles/profile.h"

#include <QDockWidget>
#include <QHash>

class QTreeWidget;
class QTreeWidgetItem;

namespace strata::gui {

// The profiles, grouped by environment, each with its colour and a state badge.
class ProfileDock : public QDockWidget
{
    Q_OBJECT

public:
    enum class Badge { Unknown, Checking, UpToDate, Pending, Edited, Unreachable };

    explicit ProfileDock(QWidget *parent = nullptr);

    void setProfiles(const QList<Profile> &profiles);
    void setBadge(const QString &profile, Badge badge, int pendingCount = 0,
                  const QString &detail = {});
    void select(const QString &profile);
    QString selected() const;
    QString badgeText(const QString &profile) const;
    QTreeWidget *tree() const { return m_tree; }

    static QString badgeText(Badge badge, int pendingCount);

Q_SIGNALS:
    void profileSelected(QString name);
    void editRequested(QString name);

private:
    QTreeWidgetItem *itemFor(const QString &profile) const;

    QTreeWidget *m_tree = nullptr;
};

} // namespace strata::gui
