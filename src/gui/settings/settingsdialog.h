#pragma once

#include "settings/settings.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace strata::gui {

// The app's preferences in one dialog: language, the default lock and statement timeouts of
// runs, the backup folder and how many backups a profile keeps, the folder of pg_dump and psql,
// and what lint errors do on protected profiles. Shows `settings`; settings() gives what was
// chosen; accepting saves it (Settings::save), so the next job uses it.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const Settings &settings, QWidget *parent = nullptr);

    Settings settings() const;

    void accept() override;

private:
    QComboBox *m_language = nullptr;
    QDoubleSpinBox *m_lockTimeout = nullptr;      // seconds; 0: the server's own
    QDoubleSpinBox *m_statementTimeout = nullptr; // seconds; 0: the server's own
    QLineEdit *m_backupFolder = nullptr;
    QSpinBox *m_keep = nullptr; // 0: all
    QLineEdit *m_toolsFolder = nullptr;
    QComboBox *m_lint = nullptr;
    QString m_defaultBackupDir;
};

} // namespace strata::gui
