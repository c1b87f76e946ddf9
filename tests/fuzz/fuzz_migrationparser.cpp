// libFuzzer target: the migration-file parser must answer any byte string with a Migration or
// an Error naming a line of the input, never crash, hang or read out of bounds.

#include "project/migrationparser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString path = QStringLiteral("fuzz.sql");
    auto result = strata::MigrationParser::parse(path, bytes);
    if (result.ok()) {
        const strata::Migration &m = *result;
        // What a valid result promises its callers.
        if (!strata::MigrationParser::revisionIdProblem(m.revision).isEmpty() ||
            m.upgradeLine < 1 || (m.hasDowngrade && m.downgradeLine <= m.upgradeLine) ||
            m.downRevisions.contains(m.revision) || m.upgradeChecksum().size() != 64)
            std::abort();
    } else {
        const strata::Error &e = result.error();
        const qsizetype lines = bytes.count('\n') + 1;
        if (e.file != path || e.line < 1 || e.line > lines || e.message.isEmpty())
            std::abort();
    }
    return 0;
}
