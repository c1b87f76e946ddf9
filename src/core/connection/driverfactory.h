#pragma once

#include "connection/connectioninfo.h"
#include "drivers/driver.h"
#include "error.h"

#include <memory>

namespace strata {

// The Driver for a resolved connection, not yet opened (open() it in the thread that will use
// it). SQLite only for now: a PostgreSQL connection is refused until its driver exists.
Result<std::unique_ptr<Driver>> createDriver(const ConnectionInfo &info);

} // namespace strata
