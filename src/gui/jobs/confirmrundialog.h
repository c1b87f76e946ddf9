#pragma once

#include "jobs/projectsnapshot.h"
#include "profiles/profile.h"
#include "profiles/protection.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ConfirmRunDialog;
}

namespace strata::gui {

// Lists the steps a run will take before anything happens; on a protected profile the OK
// button stays disabled until the database name is typed exactly.
class ConfirmRunDialog : public QDialog
{
    Q_OBJECT

public:
    ConfirmRunDialog(const Profile &profile, const PlanRequest &request, const Plan &plan,
                     const ProjectSnapshot *snapshot, QWidget *parent = nullptr);
    ~ConfirmRunDialog() override;

    QString reason() const;
    // Offered for upgrades on protected profiles, on by default.
    bool backupFirst() const;

private:
    void updateOk();

    std::unique_ptr<Ui::ConfirmRunDialog> m_ui;
    Guard m_guard;
    bool m_protected = false;
    bool m_offerBackup = false;
};

} // namespace strata::gui
