#pragma once

#include "error.h"
#include "project/revisionwriter.h"

#include <QDialog>
#include <QStringList>

#include <functional>
#include <memory>

namespace Ui {
class NewMigrationDialog;
}

namespace strata::gui {

// Asks for a new migration: message, parent (the head by default; another revision only with an
// explicit branch choice), branch labels, depends_on, transactional. `submit` hands the request
// to a worker, which writes the file through the same core code as `strata revision`; its answer
// comes back through finished(): what the core refuses is shown here, and the dialog stays open.
class NewMigrationDialog : public QDialog
{
    Q_OBJECT

public:
    // heads: the project's heads, offered as parents; parent: the one to preselect.
    using Submit = std::function<void(const RevisionRequest &)>;
    NewMigrationDialog(const QStringList &heads, const QString &parent, Submit submit,
                       QWidget *parent_ = nullptr);
    ~NewMigrationDialog() override;

    // The file written, once accepted.
    QString writtenFile() const { return m_written; }

    void accept() override;
    // The worker's answer: the file written, or why not.
    void finished(const QString &path, const Error &error);

private:
    std::unique_ptr<Ui::NewMigrationDialog> m_ui;
    Submit m_submit;
    QString m_written;
};

} // namespace strata::gui
