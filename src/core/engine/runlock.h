#pragma once

#include "error.h"

#include <QString>

#include <atomic>

namespace strata {

class Driver;

// The lock that serialises runs on one version table (Driver::lockRuns), held from take() until
// the object goes. Every run takes it through here: the executor, and Migrator::run around its
// planning. Taking it twice in one session only counts, so the two nest.
class RunLock
{
public:
    RunLock(Driver &driver, QString versionTable);
    ~RunLock();
    RunLock(const RunLock &) = delete;
    RunLock &operator=(const RunLock &) = delete;

    // Waits up to waitSeconds for another run to finish. Error::Code::Cancelled when *cancel
    // was set before or during the wait (pair it with Driver::cancel() to end a wait under
    // way), Error::Code::LockTimeout naming the holder when the wait ran out.
    Status take(int waitSeconds, const std::atomic<bool> *cancel = nullptr);

private:
    Driver &m_driver;
    QString m_versionTable;
    bool m_held = false;
};

} // namespace strata
