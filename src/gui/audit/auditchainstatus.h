#pragma once

#include "audit/auditchain.h"

#include <QDateTime>
#include <QLabel>

namespace strata::gui {

// The line above the Audit tab's table saying whether the audit log's hash chain is intact,
// and if not, which line was changed, removed or inserted. The check is the core's
// (AuditLog::verify), run on a pool thread: a large log never blocks the window. A check
// started while another runs supersedes it; the label says when the shown result was read.
class AuditChainStatus : public QLabel
{
    Q_OBJECT

public:
    explicit AuditChainStatus(QWidget *parent = nullptr);

    // Checks the log at `filePath` again (asynchronously); checked() follows.
    void check(const QString &filePath);
    // The last result shown; State::Unreadable with an empty message before the first.
    const AuditVerification &result() const { return m_result; }
    bool busy() const { return m_running > 0; }

    // The text for `result` of the log at `filePath`, read at `when`, in the app's language.
    // Lines are counted in the file (oldest first), as `strata audit verify` counts them.
    static QString describe(const AuditVerification &result, const QString &filePath,
                            const QDateTime &when);

Q_SIGNALS:
    void checked();

private:
    void show(const AuditVerification &result, const QString &filePath);

    AuditVerification m_result;
    quint64 m_generation = 0;
    int m_running = 0;
};

} // namespace strata::gui
