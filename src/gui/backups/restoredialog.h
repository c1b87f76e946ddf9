#pragma once

#include "backup/backupcatalog.h"
#include "profiles/profile.h"

#include <QDialog>

#include <functional>
#include <memory>

namespace Ui {
class RestoreDialog;
}

namespace strata::gui {

// Where a backup goes back to: the profile it came from or another one of the same engine
// (production into staging); what it replaces, said plainly; the database name typed when the
// target is protected, with a backup of it first; a reason for the audit log.
class RestoreDialog : public QDialog
{
    Q_OBJECT

public:
    RestoreDialog(const BackupInfo &backup, const QList<Profile> &targets,
                  const QString &preselected, QWidget *parent = nullptr);
    ~RestoreDialog() override;

    QString target() const;
    QString reason() const;
    // Back the target up before replacing it: offered, on by default, when the target is
    // protected (Protection); reset to that default when another target is chosen.
    bool backupFirst() const;

    // Why a target cannot take a restore now (its job, named), empty when it can: a busy
    // target is shown with that reason and Restore stays off. Call refresh() when it changes.
    void setBusyReason(std::function<QString(const QString &profile)> reason);
    void refresh() { update(); }

private:
    void update();

    std::unique_ptr<Ui::RestoreDialog> m_ui;
    QList<Profile> m_targets;
    QString m_shownTarget; // the target the backup check box's default was set for
    std::function<QString(const QString &)> m_busyReason;
};

} // namespace strata::gui
