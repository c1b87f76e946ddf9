#include "status/problemlog.h"

namespace strata::gui {

QString ProblemLog::firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0).trimmed();
}

ProblemLog::Change ProblemLog::note(const QString &problem)
{
    const QString line = firstLine(problem);
    if (line.isEmpty()) {
        const bool ended = !m_problem.isEmpty();
        m_problem.clear();
        return ended ? Change::Ended : Change::None;
    }
    if (line == m_problem)
        return Change::None;
    m_problem = line;
    return Change::Started;
}

} // namespace strata::gui
