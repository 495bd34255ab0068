"""Open edX XBlocks over the pure core: a module quiz, a role-play case and an evaluation.

The only package that imports XBlock (installed with the ``xblock`` extra). The blocks are thin
adapters: content comes from the course files shipped in the package, grading from
``lexom_learning.quizzes`` and ``lexom_learning.roleplay``; the blocks parse input, call the core,
keep the learner's state in XBlock fields and render it.
"""
