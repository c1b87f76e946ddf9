#include "interrupts.h"

#include <atomic>
#include <mutex>
#include <thread>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace strata::cli {

namespace {

std::mutex &callbackMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::function<void()> &callback()
{
    static std::function<void()> current;
    return current;
}

int g_pipe[2] = {-1, -1};
std::atomic<int> g_signals{0};
static_assert(std::atomic<int>::is_always_lock_free, "used in a signal handler");

// Only async-signal-safe calls here: one write(2) of the signal's number to wake the waiting
// thread, which does the rest. The second signal ends the process in the handler itself, so it
// works even while the first one's cancel is still under way (PQcancel may wait on the network).
extern "C" void onSignal(int signal)
{
    if (g_signals.fetch_add(1) >= 1)
        ::_exit(130);
    const int saved = errno;
    const char byte = char(signal);
    (void)!::write(g_pipe[1], &byte, 1);
    errno = saved;
}

void waitForSignals()
{
    while (true) {
        char byte = 0;
        const ssize_t n = ::read(g_pipe[0], &byte, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        {
            std::lock_guard lock(callbackMutex());
            if (callback()) {
                static const char text[] =
                    "\nstrata: stopping: cancelling the running statement; what is in an open "
                    "transaction is rolled back, and the error says what stayed (press Ctrl-C "
                    "again to quit at once)\n";
                (void)!::write(STDERR_FILENO, text, sizeof text - 1);
                callback()();
                continue;
            }
        }
        // 128 + SIGINT, as shells report an interrupted command; the same for SIGTERM, so
        // scripts see one code for "stopped".
        ::_exit(130);
    }
}

} // namespace

void Interrupts::install()
{
    // A self-pipe rather than a blocked signal mask: children (pg_dump, psql) inherit a mask,
    // but a handler is reset to the default by exec.
    if (g_pipe[0] >= 0 || ::pipe2(g_pipe, O_CLOEXEC) != 0)
        return;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::thread(waitForSignals).detach();
}

Interrupts::Scope::Scope(std::function<void()> onFirstSignal)
{
    std::lock_guard lock(callbackMutex());
    callback() = std::move(onFirstSignal);
}

Interrupts::Scope::~Scope()
{
    std::lock_guard lock(callbackMutex());
    callback() = nullptr;
}

} // namespace strata::cli
