#include "engine/runlock.h"

#include "drivers/driver.h"

namespace strata {

RunLock::RunLock(Driver &driver, QString versionTable)
    : m_driver(driver), m_versionTable(std::move(versionTable))
{
}

RunLock::~RunLock()
{
    // A process that dies holds nothing either: the lock goes with its session.
    if (m_held)
        m_driver.unlockRuns(m_versionTable);
}

Status RunLock::take(int waitSeconds, const std::atomic<bool> *cancel)
{
    const auto cancelled = [&] {
        return Error::failure(QStringLiteral("cancelled before the run took the lock on version "
                                             "table %1; nothing was run")
                                  .arg(m_versionTable))
            .with(Error::Code::Cancelled);
    };
    if (cancel && cancel->load())
        return cancelled();
    Status s = m_driver.lockRuns(m_versionTable, waitSeconds);
    if (!s) {
        if (cancel && cancel->load() && s.error().code != Error::Code::Cancelled)
            return cancelled();
        return s;
    }
    m_held = true;
    return {};
}

} // namespace strata
