#pragma once

#include <QTest>

// A Status or Result that must be ok, with its error shown when it is not. The error is read
// only on failure: reading it from an ok Result would throw.
#define VERIFY_OK(expr)                                                                            \
    do {                                                                                           \
        const auto &result_ = (expr);                                                              \
        QVERIFY2(result_.ok(), result_.ok() ? "" : qPrintable(result_.error().toString()));        \
    } while (false)
