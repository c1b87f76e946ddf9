#pragma once

#include <QString>

namespace strata::gui {

// What a profile's repeated reads put in the Activity log: a problem once, when it starts or
// changes (not on every retry while the app reconnects), and its end once. Texts are one line:
// the first line of a multi-line server message.
class ProblemLog
{
public:
    enum class Change { None, Started, Ended };

    // Notes the outcome of one read: `problem` empty when it succeeded. Started when the
    // problem is new or its first line differs from the last one noted, Ended on the first
    // success after a problem, else None.
    Change note(const QString &problem);
    // The first line of `text`, trimmed: what the Activity log shows of a server's message.
    static QString firstLine(const QString &text);

private:
    QString m_problem; // first line of the current problem, empty when none
};

} // namespace strata::gui
