#pragma once

#include <functional>

namespace strata::cli {

// Ctrl-C (SIGINT) and SIGTERM for the command line. install() blocks both signals in every
// thread and waits for them in a thread of its own (sigwait), so no code runs in a signal
// handler. While an Interrupts::Scope lives, the first signal calls its callback (on that
// thread: it must be thread-safe, e.g. set an atomic and call Driver::cancel()); the command
// then stops cleanly and exits 130. Without a scope, or at the second signal, the process ends
// at once with 130.
class Interrupts
{
public:
    // Call once in main(), before any other thread starts (threads inherit the signal mask).
    static void install();

    class Scope
    {
    public:
        explicit Scope(std::function<void()> onFirstSignal);
        ~Scope(); // after it returns the callback is not running and will not run
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
    };
};

} // namespace strata::cli
