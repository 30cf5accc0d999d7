"""The reference implementation: the only home of the correct math, one module per course topic.

``STUDENT_FUNCTIONS`` maps every graded function name of ``autograder.course.NOTEBOOKS`` to its reference.
Those functions are self-contained source (only ``np`` and other student functions by bare name), so
``inspect.getsource(STUDENT_FUNCTIONS[name])`` can be executed into a sandbox namespace on its own.
"""

from autograder.reference.activations import (
    binary_cross_entropy,
    leaky_relu,
    leaky_relu_derivative,
    logsumexp,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_gradient,
    softmax_jacobian,
    tanh_derivative,
)
from autograder.reference.batches import (
    PROVIDED_MODEL,
    batch_gradient_gap,
    mean_of_per_example_gradients,
    mini_batch_gradient_descent,
    net_backward,
    net_cost,
    net_forward,
    net_init,
    per_example_gradients,
    random_mini_batches,
)
from autograder.reference.chain_rule import Value, backward_graph, dz_dt, forward_graph
from autograder.reference.deep_network import (
    L_model_backward,
    L_model_forward,
    activation_backward,
    activation_forward,
    compute_cost_l2,
    initialize_he,
    layer_gradient_norms,
    linear_backward,
    linear_forward,
)
from autograder.reference.gradient_checking import (
    PLANTED,
    backward_corrected,
    bug_report,
    numerical_derivative,
    dictionary_to_vector,
    gradient_check,
    relative_difference,
    sampled_gradient_check,
    vector_to_dictionary,
)
from autograder.reference.optimizers import adam_step, initialize_adam, momentum_step
from autograder.reference.regularization import (
    batchnorm_backward,
    batchnorm_forward,
    dropout_backward,
    dropout_forward,
)
from autograder.reference.digits import initial_loss_check, overfit_check, train_validation_split
from autograder.reference.softmax_classifier import (
    classifier_backward,
    classifier_forward,
    predict_classes,
    softmax_cost,
    train_classifier,
)
from autograder.reference.network import (
    accuracy,
    backward_propagation,
    clip_gradients,
    compute_cost,
    deep_backward,
    deep_cost,
    deep_forward,
    forward_propagation,
    gradient_stats,
    initialize_deep,
    initialize_parameters,
    predict,
    train,
    train_deep,
    train_with_history,
    update_parameters,
    weight_gradient_norms,
)

STUDENT_FUNCTIONS = {
    # 01_chain_rule
    "forward_graph": forward_graph,
    "backward_graph": backward_graph,
    "dz_dt": dz_dt,
    "Value": Value,
    # 02_activations
    "sigmoid": sigmoid,
    "sigmoid_derivative": sigmoid_derivative,
    "tanh_derivative": tanh_derivative,
    "relu": relu,
    "relu_derivative": relu_derivative,
    "leaky_relu": leaky_relu,
    "leaky_relu_derivative": leaky_relu_derivative,
    "softmax": softmax,
    "softmax_jacobian": softmax_jacobian,
    # 03_network
    "initialize_parameters": initialize_parameters,
    "forward_propagation": forward_propagation,
    "compute_cost": compute_cost,
    "backward_propagation": backward_propagation,
    "update_parameters": update_parameters,
    "train": train,
    # 04_batches
    "random_mini_batches": random_mini_batches,
    "per_example_gradients": per_example_gradients,
    "mini_batch_gradient_descent": mini_batch_gradient_descent,
    # 05_gradient_checking
    "dictionary_to_vector": dictionary_to_vector,
    "vector_to_dictionary": vector_to_dictionary,
    "gradient_check": gradient_check,
    "numerical_derivative": numerical_derivative,
    "bug_report": bug_report,
    "backward_corrected": backward_corrected,
    # 06_deep_network
    "linear_forward": linear_forward,
    "linear_backward": linear_backward,
    "activation_forward": activation_forward,
    "activation_backward": activation_backward,
    "initialize_he": initialize_he,
    "L_model_forward": L_model_forward,
    "compute_cost_l2": compute_cost_l2,
    "L_model_backward": L_model_backward,
    "layer_gradient_norms": layer_gradient_norms,
    # 07_softmax_classifier
    "softmax_cost": softmax_cost,
    "classifier_forward": classifier_forward,
    "classifier_backward": classifier_backward,
    "predict_classes": predict_classes,
    "train_classifier": train_classifier,
    # 08_optimizers
    "initialize_adam": initialize_adam,
    "momentum_step": momentum_step,
    "adam_step": adam_step,
    # 09_regularization
    "dropout_forward": dropout_forward,
    "dropout_backward": dropout_backward,
    "batchnorm_forward": batchnorm_forward,
    "batchnorm_backward": batchnorm_backward,
    # 10_digits
    "train_validation_split": train_validation_split,
    "initial_loss_check": initial_loss_check,
    "overfit_check": overfit_check,
}

# The functions of the notebooks' locked "provided" cells that a graded function calls: a check executes them into the
# submission's namespace like the reference versions above (``Check.provide``), and the notebook's cell is their source.
PROVIDED_FUNCTIONS = {fn.__name__: fn for fn in PROVIDED_MODEL}
PROVIDED_FUNCTIONS.update({fn.__name__: fn for fn in PLANTED})  # notebook 5's backward_a, backward_b

# What ``provide`` may name: every student function and every provided one.
REFERENCE = {**STUDENT_FUNCTIONS, **PROVIDED_FUNCTIONS}

__all__ = [
    "STUDENT_FUNCTIONS", "PROVIDED_FUNCTIONS", "REFERENCE",
    "Value", "forward_graph", "backward_graph", "dz_dt",
    "sigmoid", "sigmoid_derivative", "tanh_derivative", "relu", "relu_derivative", "leaky_relu",
    "leaky_relu_derivative", "softmax", "softmax_jacobian", "logsumexp", "binary_cross_entropy",
    "softmax_cross_entropy", "softmax_cross_entropy_gradient",
    "initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
    "update_parameters", "train", "train_with_history",
    "initialize_deep", "deep_forward", "deep_cost", "deep_backward", "train_deep", "predict", "accuracy",
    "clip_gradients", "gradient_stats", "weight_gradient_norms",
    "random_mini_batches", "per_example_gradients", "mini_batch_gradient_descent", "mean_of_per_example_gradients",
    "batch_gradient_gap", "net_init", "net_forward", "net_cost", "net_backward",
    "dictionary_to_vector", "vector_to_dictionary", "relative_difference", "gradient_check",
    "sampled_gradient_check",
    "numerical_derivative", "bug_report", "backward_corrected",
    "linear_forward", "linear_backward", "activation_forward", "activation_backward", "initialize_he",
    "L_model_forward", "compute_cost_l2", "L_model_backward", "layer_gradient_norms",
    "softmax_cost", "classifier_forward", "classifier_backward", "predict_classes", "train_classifier",
    "initialize_adam", "momentum_step", "adam_step",
    "dropout_forward", "dropout_backward", "batchnorm_forward", "batchnorm_backward",
    "train_validation_split", "initial_loss_check", "overfit_check",
]
