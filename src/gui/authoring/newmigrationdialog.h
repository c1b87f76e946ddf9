#pragma once

#include <QDialog>
#include <QStringList>

#include <memory>

namespace Ui {
class NewMigrationDialog;
}

namespace strata::gui {

// Writes a new migration file through the same core code as `strata revision`: message,
// parent (the head by default; another revision only with an explicit branch choice), branch
// labels, depends_on, transactional. What the core refuses is shown in the dialog.
class NewMigrationDialog : public QDialog
{
    Q_OBJECT

public:
    // heads: the project's heads, offered as parents; parent: the one to preselect.
    NewMigrationDialog(QString projectDir, const QStringList &heads, const QString &parent,
                       QWidget *parent_ = nullptr);
    ~NewMigrationDialog() override;

    // The file written, once accepted.
    QString writtenFile() const { return m_written; }

    void accept() override;

private:
    std::unique_ptr<Ui::NewMigrationDialog> m_ui;
    QString m_projectDir;
    QString m_written;
};

} // namespace strata::gui
