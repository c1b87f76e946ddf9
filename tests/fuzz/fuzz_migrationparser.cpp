// libFuzzer target: the migration-file parser must reject any byte string cleanly.

#include "project/migrationparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto result = strata::MigrationParser::parse(QStringLiteral("fuzz.sql"), bytes);
    if (result.ok()) {
        // Touch what a caller would use.
        (void)result->upgradeChecksum();
        (void)strata::MigrationParser::revisionIdProblem(result->revision);
    } else {
        (void)result.error().toString();
    }
    return 0;
}
