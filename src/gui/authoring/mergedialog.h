#pragma once

#include "error.h"
#include "project/revisionwriter.h"

#include <QDialog>
#include <QStringList>

#include <functional>
#include <memory>

namespace Ui {
class MergeDialog;
}

namespace strata::gui {

// Asks which heads to join and with what message. `submit` hands the request to a worker, which
// writes the file through the same core code as `strata merge`; what the core refuses comes
// back through finished() and is shown here, with the dialog still open.
class MergeDialog : public QDialog
{
    Q_OBJECT

public:
    using Submit = std::function<void(const MergeRequest &)>;
    // heads: id -> how to show it ("abc123 add invoices").
    MergeDialog(const QList<std::pair<QString, QString>> &heads, Submit submit,
                QWidget *parent = nullptr);
    ~MergeDialog() override;

    QString writtenFile() const { return m_written; }
    void setMessage(const QString &message);

    void accept() override;
    void finished(const QString &path, const Error &error);

private:
    QStringList checkedHeads() const;

    std::unique_ptr<Ui::MergeDialog> m_ui;
    Submit m_submit;
    QString m_written;
};

} // namespace strata::gui
