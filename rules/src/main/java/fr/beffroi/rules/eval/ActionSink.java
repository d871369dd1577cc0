package fr.beffroi.rules.eval;

import fr.beffroi.rules.model.Action;

/**
 * Where the engine hands what its rules ask for: the edge sends commands to its actuators, the
 * cloud down to the gateways, alerts to the people on duty. Called on the engine's calling thread;
 * it should queue, not block. An exception thrown here is logged and does not stop the engine.
 */
@FunctionalInterface
public interface ActionSink {
    void accept(Action action);
}
