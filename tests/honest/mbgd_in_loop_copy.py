# honest: mbgd_in_loop_copy
# changes: mini_batch_gradient_descent with copy.deepcopy, an explicit step counter, printing and a numpy array of costs
import numpy as np
import copy


def mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0):
    params = copy.deepcopy(params)
    costs = []
    step = 0
    for epoch in range(num_epochs):
        batches = random_mini_batches(X, Y, mini_batch_size=mini_batch_size, seed=seed + epoch)
        for (xb, yb) in batches:
            out, cache = net_forward(xb, params)
            cost = net_cost(out, yb)
            costs.append(cost)
            g = net_backward(xb, yb, params, cache)
            for key in params:
                params[key] = params[key] - learning_rate * g["d" + key]
            step += 1
        print(f"epoch {epoch}: {step} steps, last cost {cost:.4f}")
    return params, np.array(costs)
