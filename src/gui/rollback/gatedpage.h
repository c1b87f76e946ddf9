#pragma once

#include <QWizardPage>

#include <functional>

namespace strata::gui {

// A wizard page whose Next button follows a condition the wizard sets, re-read with recheck()
// whenever something it depends on changes.
class GatedPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit GatedPage(QWidget *parent = nullptr) : QWizardPage(parent) {}

    void setGate(std::function<bool()> gate)
    {
        m_gate = std::move(gate);
        recheck();
    }
    void recheck() { Q_EMIT completeChanged(); }
    bool isComplete() const override { return m_gate ? m_gate() : true; }

private:
    std::function<bool()> m_gate;
};

} // namespace strata::gui
